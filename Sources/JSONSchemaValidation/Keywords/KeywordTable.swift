/// Every keyword this library evaluates, in the order a schema object's keywords are evaluated:
/// cheap assertions first, in-place applicators next, `unevaluated*` last (they read the
/// others' annotations). A keyword's place here also orders its errors.
let keywordTable: [any Keyword.Type] = [
  // Validation vocabulary
  TypeKeyword.self,
  ConstKeyword.self,
  EnumKeyword.self,
  MultipleOfKeyword.self,
  MaximumKeyword.self,
  ExclusiveMaximumKeyword.self,
  MinimumKeyword.self,
  ExclusiveMinimumKeyword.self,
  MaxLengthKeyword.self,
  MinLengthKeyword.self,
  PatternKeyword.self,
  MaxItemsKeyword.self,
  MinItemsKeyword.self,
  UniqueItemsKeyword.self,
  MaxPropertiesKeyword.self,
  MinPropertiesKeyword.self,
  RequiredKeyword.self,
  DependentRequiredKeyword.self,
  // Format vocabularies
  FormatKeyword.self,
  // Core
  RefKeyword.self,
  DynamicRefKeyword.self,
  // Applicator vocabulary
  AllOfKeyword.self,
  AnyOfKeyword.self,
  OneOfKeyword.self,
  NotKeyword.self,
  IfKeyword.self,
  DependentSchemasKeyword.self,
  PrefixItemsKeyword.self,
  ItemsKeyword.self,
  ContainsKeyword.self,
  PropertiesKeyword.self,
  PatternPropertiesKeyword.self,
  AdditionalPropertiesKeyword.self,
  PropertyNamesKeyword.self,
  DependenciesKeyword.self,
  // Unevaluated vocabulary
  UnevaluatedItemsKeyword.self,
  UnevaluatedPropertiesKeyword.self,
]
