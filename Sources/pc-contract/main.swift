print("pc-contract")
