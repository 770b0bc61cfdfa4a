#!/usr/bin/env python3
"""Command-level fuzzer for the built pc-contract.

Mutates real inputs (the documentation examples, the recordings, raw HTTP text, HAR files,
pc-contract.json) and runs `validate`, `diff` and `check --offline` on them. A case fails on an
exit code outside 0-3, a signal, a stack trace or crash text, a run over the time limit, or a
JSON report that is not valid JSON. Failing inputs are kept under --keep with a .cmd.json that
says how to run them (the regression test in Tests/ replays Fuzz/command-regressions/).

Bounded in cases and seconds; standard library only; deterministic for a given --seed.

  python3 Fuzz/command-fuzz.py --binary .build/debug/pc-contract --seconds 600
"""
import argparse, concurrent.futures, json, os, random, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRASH_TEXT = ["Fatal error", "Stack dump", "Crash", "SIGSEGV", "SIGILL", "Backtrace", "Illegal instruction"]
NUMBERS = ["1e400", "-1e400", "-0", "0.0", "9223372036854775807", "9223372036854775808",
           "18446744073709551617", "1E+3", "-3", "1e-400", "100000000000000000000", "2.13",
           "0.000000000000000000001", "123456789012345678901234567890.5", "-9223372036854775809"]


def seeds():
    out = []
    for folder, exts in [("examples", (".http", ".txt", ".har", ".json")), ("recordings", (".json",)),
                         ("Fuzz/corpus", (".json",))]:
        base = os.path.join(ROOT, folder)
        for dirpath, _, files in os.walk(base):
            for name in sorted(files):
                if name.endswith(exts):
                    with open(os.path.join(dirpath, name), "rb") as handle:
                        data = handle.read()
                    if data:
                        out.append((name, data))
    return out


def har_of(body: bytes) -> bytes:
    text = body.decode("utf-8", "replace")
    return json.dumps({"log": {"version": "1.2", "entries": [{
        "request": {"method": "GET", "url": "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage", "headers": []},
        "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
                     "content": {"mimeType": "application/json", "text": text}}}]}}).encode()


def http_of(body: bytes, rng) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    if rng.random() < 0.3:
        chunks = b"".join(b"%x\r\n" % len(body[i:i + 37]) + body[i:i + 37] + b"\r\n" for i in range(0, len(body), 37))
        return head + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"
    return head + b"\r\n" + body


def mutate_json_value(value, rng, depth=0):
    if isinstance(value, dict):
        if value and rng.random() < 0.3:
            key = rng.choice(list(value))
            value[key] = mutate_json_value(value[key], rng, depth + 1)
        elif value and rng.random() < 0.2:
            del value[rng.choice(list(value))]
        else:
            for key in list(value)[:8]:
                if rng.random() < 0.2:
                    value[key] = mutate_json_value(value[key], rng, depth + 1)
        return value
    if isinstance(value, list):
        if value and rng.random() < 0.5:
            index = rng.randrange(len(value))
            value[index] = mutate_json_value(value[index], rng, depth + 1)
        if value and rng.random() < 0.2:
            value.append(value[0])
        return value
    choice = rng.random()
    if choice < 0.3:
        return rng.choice(["", "\n::error file=README.md,line=1::x", "[x](https://e)", "\u202e", "\x00\x1b[31m",
                           "2017-02-29T00:00:00Z", "2017-03-09T23:59:60Z", "x" * 5000, None, True, [], {}])
    return value


def number_splice(text: bytes, rng) -> bytes:
    # Replace numbers in the text with extremes, keeping the rest byte for byte.
    import re
    matches = list(re.finditer(rb"(?<=[:\[, ])-?\d+(\.\d+)?([eE][+-]?\d+)?", text))
    if not matches:
        return text
    for match in rng.sample(matches, min(len(matches), rng.randint(1, 4))):
        text = text[:match.start()] + rng.choice(NUMBERS).encode() + text[match.end():]
        break
    return text


def mutate(data: bytes, rng) -> bytes:
    kind = rng.randrange(12)
    if kind == 0:
        return number_splice(data, rng)
    if kind == 1:
        try:
            value = json.loads(data)
            return json.dumps(mutate_json_value(value, rng), ensure_ascii=rng.random() < 0.5).encode()
        except Exception:
            return number_splice(data, rng)
    if kind == 2 and data:
        return data[:rng.randrange(len(data))]
    if kind == 3 and data:
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == 4:
        depth = rng.choice([100, 1000, 10000, 100000])
        return b"[" * depth + b"1" + b"]" * (depth if rng.random() < 0.7 else 0)
    if kind == 5:
        count = rng.choice([1000, 100000, 1000000])
        return b'{"items": [{' + b",".join([b'"a": 1'] * count) + b"}]}"
    if kind == 6:
        return data.replace(b'"', b'"\xff', 1) if rng.random() < 0.5 else b"\xef\xbb\xbf" + data + b"\xc3"
    if kind == 7:
        return har_of(number_splice(data, rng))
    if kind == 8:
        return http_of(number_splice(data, rng), rng)
    if kind == 9 and data:
        cut = rng.randrange(len(data))
        return data[:cut] + bytes([rng.choice([0, 9, 10, 13, 0x1b, 0x7f])]) + data[cut:]
    if kind == 10:
        items = [{"workloadName": "W%d" % i, "licensesActive": rng.choice([0, 1, -1, 10**20]), "licensesQualified": 1,
                  "usagePercent": rng.choice([0, 50.5, 1e300]), "processedDateTime": "2017-03-09T00:00:00Z",
                  "attributes": {"objectType": "PartnerLicensesUsageInsights"}} for i in range(rng.choice([1, 100, 20000]))]
        return json.dumps({"totalCount": len(items), "items": items, "attributes": {"objectType": "Collection"}}).encode()
    return data + data


def config_mutation(rng) -> bytes:
    entry = {"reason": "r"}
    if rng.random() < 0.5:
        entry["fingerprint"] = rng.choice(["0123456789abcdef", "XYZ", ""])
    else:
        entry["path"] = rng.choice(["/items/*/a", "", "~", "/" * 50])
        entry["kind"] = rng.choice(["drift.value-changed", "drift.typo", ""])
    entry["expires"] = rng.choice(["2027-02-30", "2026-01-01", "2099-12-31", "x", 5])
    config = {"acceptedDrift": [entry] * rng.choice([1, 3, 2000]), "ignore": rng.choice([[], [""], ["/items/*/x"], [1]]),
              "failOn": rng.choice(["breaking", "warning", "info", "none", "bogus"])}
    text = json.dumps(config).encode()
    return mutate(text, rng) if rng.random() < 0.3 else text


def run_case(binary, case_id, seed_list, seed, timeout):
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="pcfuzz-")
    try:
        name, data = seed_list[rng.randrange(len(seed_list))]
        mutated = mutate(data, rng)
        ext = rng.choice([".json", ".http", ".har", ".txt"]) if rng.random() < 0.3 else os.path.splitext(name)[1] or ".json"
        path = os.path.join(work, "input" + ext)
        with open(path, "wb") as handle:
            handle.write(mutated)
        command = rng.randrange(3)
        json_out = rng.random() < 0.5
        files = {"input" + ext: mutated}
        if command == 0:
            args = ["validate", "input" + ext] + (["--format", "json"] if json_out else [])
        elif command == 1:
            other_name, other = seed_list[rng.randrange(len(seed_list))]
            with open(os.path.join(work, "old.json"), "wb") as handle:
                handle.write(other)
            files["old.json"] = other
            args = ["diff", "old.json", "input" + ext, "--output", "sarif=out.sarif", "--output", "json=out.json"] + (["--format", "json"] if json_out else [])
        else:
            folder = os.path.join(work, "rec", "partner")
            os.makedirs(folder)
            with open(os.path.join(folder, "licenses-usage.json"), "wb") as handle:
                handle.write(mutated)
            files["rec/partner/licenses-usage.json"] = mutated
            args = ["check", "--offline", "--recordings", "rec", "--output", "json=out.json", "--output", "sarif=out.sarif"]
            if rng.random() < 0.5:
                config = config_mutation(rng)
                with open(os.path.join(work, "pc-contract.json"), "wb") as handle:
                    handle.write(config)
                files["pc-contract.json"] = config
                args += ["--config", "pc-contract.json"]
            if json_out:
                args += ["--format", "json"]
        started = time.monotonic()
        try:
            proc = subprocess.run([binary] + args, cwd=work, capture_output=True, timeout=timeout,
                                  env={**os.environ, "NO_COLOR": "1"})
            elapsed = time.monotonic() - started
        except subprocess.TimeoutExpired:
            return case_id, "timeout", args, files, "over %ss" % timeout
        problems = []
        if proc.returncode < 0:
            problems.append("signal %d" % -proc.returncode)
        elif proc.returncode not in (0, 1, 2, 3):
            problems.append("exit %d" % proc.returncode)
        text = proc.stdout[:200000] + proc.stderr[:200000]
        for marker in CRASH_TEXT:
            if marker.encode() in text:
                problems.append("crash text %r" % marker)
        if json_out and proc.returncode in (0, 1):
            try:
                json.loads(proc.stdout)
            except Exception as error:
                problems.append("stdout is not JSON: %s" % error)
        for report in ("out.json", "out.sarif"):
            report_path = os.path.join(work, report)
            if os.path.exists(report_path):
                try:
                    with open(report_path, "rb") as handle:
                        json.load(handle)
                except Exception as error:
                    problems.append("%s is not JSON: %s" % (report, error))
        if problems:
            return case_id, "; ".join(problems), args, files, proc.stderr[-2000:].decode("utf-8", "replace")
        return case_id, None, args, files, elapsed
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/pc-contract"))
    parser.add_argument("--cases", type=int, default=1000000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--keep", default=os.path.join(ROOT, "Fuzz/command-regressions"))
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    if not os.access(args.binary, os.X_OK):
        print("command-fuzz: no built pc-contract at %s (swift build first)" % args.binary, file=sys.stderr)
        return 2
    seed_list = seeds()
    started = time.monotonic()
    deadline = started + args.seconds
    ran = failed = 0
    slowest = 0.0
    by_command = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        pending = set()
        case = 0
        while True:
            while len(pending) < args.jobs * 2 and case < args.cases and time.monotonic() < deadline:
                pending.add(pool.submit(run_case, args.binary, case, seed_list, args.seed * 1_000_003 + case, args.timeout))
                case += 1
            if not pending:
                break
            done, pending = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                case_id, problem, cmd, files, detail = future.result()
                ran += 1
                by_command[cmd[0]] = by_command.get(cmd[0], 0) + 1
                if problem is None:
                    slowest = max(slowest, detail)
                    continue
                failed += 1
                folder = os.path.join(args.keep, "case-%d-%d" % (args.seed, case_id))
                os.makedirs(folder, exist_ok=True)
                for rel, data in files.items():
                    target = os.path.join(folder, rel)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as handle:
                        handle.write(data)
                with open(os.path.join(folder, "case.cmd.json"), "w") as handle:
                    json.dump({"arguments": cmd, "problem": problem}, handle, indent=2)
                print("FAIL case %d: %s: pc-contract %s\n  %s" % (case_id, problem, " ".join(cmd), str(detail)[-400:]), flush=True)
    print("command-fuzz: %d cases (%s) in %.0f s, %d failed, slowest passing run %.2f s, seed %d"
          % (ran, ", ".join("%s %d" % item for item in sorted(by_command.items())), time.monotonic() - started, failed, slowest, args.seed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
