// SchemaValidator: object keywords. One pass over the instance members
// applies properties, patternProperties, additionalProperties, propertyNames
// and x-mcpguard-closed, and notes which required names were seen (a bit
// each). A member is first compared with the property declared after the
// previous member's (instances tend to follow the schema's order), then
// looked up in the properties' small hash table.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "base/nfc.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "schema/evaluated_set.h"
#include "schema/issue_text.h"
#include "schema/schema_program.h"
#include "schema/schema_regex.h"
#include "schema/schema_validator.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& s) {
  return absl::string_view(s.GetString(), s.GetStringLength());
}

bool HasMember(const rapidjson::Value& object, absl::string_view name) {
  for (auto m = object.MemberBegin(); m != object.MemberEnd(); ++m) {
    if (View(m->name) == name) return true;
  }
  return false;
}

std::string Quoted(absl::string_view text) {
  return DescribeValue(rapidjson::Value(rapidjson::StringRef(text.data(), text.size())));
}

// `name` as NFKC_Casefold spells it (ASCII: in lowercase).
std::string CaseFolded(absl::string_view name) {
  std::string out(name.size() * 4 + 16, '\0');
  for (;;) {
    size_t length = 0;
    switch (ToNfkcCasefold(name, out.data(), out.size(), &length)) {
      case NfcResult::kChanged:
        out.resize(length);
        return out;
      case NfcResult::kTooLong:
        out.resize(out.size() * 4);
        continue;
      case NfcResult::kSame:
      case NfcResult::kIllFormed:
        out = absl::AsciiStrToLower(name);
        return out;
    }
  }
}

// The declared property of `k` that `name` is once case is folded, if any:
// Go's encoding/json matches member names so ("Name", "argument\u017F" for
// "arguments", the last one winning), and so did the Go SDK before
// GHSA-wvj2-96wp-fq3f.
const PropertyEntry* FoldedProperty(const SchemaProgram& p, const ObjectKeywords& k,
                                    absl::string_view name) {
  const std::string folded = CaseFolded(name);
  for (uint32_t i = 0; i < k.properties.count; ++i) {
    const PropertyEntry& entry = p.properties[k.properties.begin + i];
    if (CaseFolded(entry.name) == folded) return &entry;
  }
  return nullptr;
}

}  // namespace

bool SchemaValidator::ValidateObject(uint32_t node, const InstanceAt& at,
                                     EvaluatedSet* evaluated) {
  const ObjectKeywords& k = p_.objects[p_.nodes[node].object];
  const rapidjson::Value& v = *at.value;
  const uint32_t count = v.MemberCount();
  if (count < k.min_properties) {
    return Fail(at.path, node, "minProperties", [&] {
      return absl::StrCat("object has ", count, " members, fewer than the minimum ",
                          k.min_properties);
    });
  }
  if (k.max_properties != kNoIndex && count > k.max_properties) {
    return Fail(at.path, node, "maxProperties", [&] {
      return absl::StrCat("object has ", count, " members, more than the maximum ",
                          k.max_properties);
    });
  }
  uint64_t seen_required = 0;
  // A closed object's undeclared members are looked at (ValidateMember) even
  // when not reported: one may be a declared member but for case.
  if (k.pattern_properties.count == 0 && k.property_names == kNoIndex && evaluated == nullptr &&
      !k.closed) {
    // The common case: each member is a property, or additionalProperties.
    const PropertyEntry* const entries = p_.properties.data() + k.properties.begin;
    // Members whose schema is a leaf (LeafCheck) skip the dispatch unless
    // it would hit max_validation_depth.
    const bool leaves = at.depth + 1 < p_.options.max_validation_depth;
    const LeafCheck* const leaf = p_.leaves.data();
    uint32_t next = 0;  // The property expected next, in the schema's order.
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      const absl::string_view name = View(m->name);
      const PropertyEntry* found = nullptr;
      if (next < k.properties.count && entries[next].name.size() == name.size() &&
          SameNameBytes(entries[next].name.data(), name.data(), name.size())) {
        found = &entries[next++];
      } else {
        found = FindPropertyEntry(p_, k, name);
        if (found != nullptr) next = static_cast<uint32_t>(found - entries) + 1;
      }
      if (found != nullptr) {
        seen_required |= found->required_flag;
        if (leaves && LeafPasses(p_, leaf[found->node], m->value)) continue;
        const InstancePath step{at.path, name, 0, false};
        const InstanceAt child = Item(at, step, m->value);
        if (!(leaves ? ValidateChild(found->node, leaf[found->node], child)
                     : Validate(found->node, child, nullptr))) {
          return false;
        }
      } else if (k.additional_properties != kNoIndex) {
        if (leaves && LeafPasses(p_, leaf[k.additional_properties], m->value)) continue;
        const InstancePath step{at.path, name, 0, false};
        if (ABSL_PREDICT_FALSE(p_.nodes[k.additional_properties].flags &
                               SchemaNode::kFalseSchema)) {
          return FailAdditional(k.additional_properties, &step);
        }
        if (!Validate(k.additional_properties, Item(at, step, m->value), nullptr)) return false;
      }
    }
  } else {
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      if (!ValidateMember(node, at, m, evaluated, &seen_required)) return false;
    }
  }
  // Required names: those with a bit were seen (or not) during the pass.
  if (k.required.count > 0 &&
      !(k.required_all_bits && (seen_required & k.required_mask) == k.required_mask)) {
    for (uint32_t r = 0; r < k.required.count; ++r) {
      const uint32_t name_index = k.required.begin + r;
      const uint8_t bit = p_.name_bits[name_index];
      const bool present = bit != 0xFF ? (seen_required >> bit & 1) != 0
                                       : HasMember(v, p_.names[name_index]);
      if (!present) {
        return Fail(at.path, node, "required", [&] {
          return absl::StrCat("missing required member ", Quoted(p_.names[name_index]));
        });
      }
    }
  }
  if ((k.dependent_required.count > 0 || k.dependent_schemas.count > 0) &&
      !ValidateDependencies(node, at, evaluated)) {
    return false;
  }
  return true;
}

ABSL_ATTRIBUTE_COLD ABSL_ATTRIBUTE_NOINLINE bool SchemaValidator::FailAdditional(
    uint32_t node, const InstancePath* step) {
  return Fail(step, node, "", [&] {
    return absl::StrCat("member ", Quoted(step->member), " is not allowed");
  });
}

bool SchemaValidator::ValidateMember(uint32_t node, const InstanceAt& at,
                                     rapidjson::Value::ConstMemberIterator m,
                                     EvaluatedSet* evaluated, uint64_t* seen_required) {
  const ObjectKeywords& k = p_.objects[p_.nodes[node].object];
  const absl::string_view name = View(m->name);
  const InstancePath step{at.path, name, 0, false};
  const InstanceAt child = Item(at, step, m->value);
  bool matched = false;
  if (k.properties.count > 0) {
    const PropertyEntry* found = FindPropertyEntry(p_, k, name);
    if (found != nullptr) {
      if (!Validate(found->node, child, nullptr)) return false;
      *seen_required |= found->required_flag;
      matched = true;
    }
  }
  for (uint32_t i = 0; i < k.pattern_properties.count; ++i) {
    const PatternEntry& pattern = p_.patterns[k.pattern_properties.begin + i];
    bool found = false;
    if (!PatternSearch(*pattern.regex, name, node, "patternProperties", child, &found)) return false;
    if (!found) continue;
    if (!Validate(pattern.node, child, nullptr)) return false;
    matched = true;
  }
  bool counted = matched;
  if (!matched) {
    if (k.additional_properties != kNoIndex) {
      if (p_.nodes[k.additional_properties].flags & SchemaNode::kFalseSchema) {
        return FailAdditional(k.additional_properties, &step);
      }
      if (!Validate(k.additional_properties, child, nullptr)) return false;
      counted = true;
    }
    // An undeclared member that is a declared one but for case is refused
    // whatever unknown_members says: a server that matches names without
    // case reads it for the declared one, and may take its value instead
    // (found by an adversarial review: "Name": "delete_file" beside "name"
    // called delete_file in Go servers).
    if (k.closed) {
      if (const PropertyEntry* declared = FoldedProperty(p_, k, name)) {
        return Fail(&step, node, "", [&] {
          return absl::StrCat("member ", Quoted(name), " is ", Quoted(declared->name),
                              " but for case: servers that match names without case would read "
                              "it for that member");
        });
      }
    }
    if (k.closed && unknown_ != nullptr) {
      unknown_->push_back(SchemaIssue{InstancePointer(&step),
                                      KeywordPointer(node, CompiledSchema::kClosedKeyword, ""),
                                      absl::StrCat("unknown member ", Quoted(name))});
    }
  }
  if (counted && evaluated != nullptr) evaluated->Mark(m - at.value->MemberBegin());
  if (k.property_names != kNoIndex) {
    // The name is checked as a string; failures point at the member.
    const InstanceAt name_at{&m->name, &step, at.scope, at.depth + 1};
    if (!Validate(k.property_names, name_at, nullptr)) {
      if (quiet_ == 0 && issue_ != nullptr && !aborted_) {
        issue_->message = absl::StrCat("member name ", Quoted(name), ": ", issue_->message);
      }
      return false;
    }
  }
  return true;
}

bool SchemaValidator::ValidateDependencies(uint32_t node, const InstanceAt& at,
                                           EvaluatedSet* evaluated) {
  const ObjectKeywords& k = p_.objects[p_.nodes[node].object];
  const rapidjson::Value& v = *at.value;
  for (uint32_t d = 0; d < k.dependent_required.count; ++d) {
    const DependentRequired& entry = p_.dependent_required[k.dependent_required.begin + d];
    if (!HasMember(v, entry.name)) continue;
    for (uint32_t r = 0; r < entry.required.count; ++r) {
      const absl::string_view required = p_.names[entry.required.begin + r];
      if (HasMember(v, required)) continue;
      return Fail(at.path, node, entry.keyword, [&] {
        return absl::StrCat("member ", Quoted(required), " is required when ", Quoted(entry.name),
                            " is present");
      }, entry.name);
    }
  }
  for (uint32_t d = 0; d < k.dependent_schemas.count; ++d) {
    const DependentSchema& entry = p_.dependent_schemas[k.dependent_schemas.begin + d];
    if (!HasMember(v, entry.name)) continue;
    if (!Validate(entry.node, Hop(at), evaluated)) return false;
  }
  return true;
}

bool SchemaValidator::ValidateUnevaluatedProperties(uint32_t node, const InstanceAt& at,
                                                    EvaluatedSet* evaluated) {
  const uint32_t target = p_.objects[p_.nodes[node].object].unevaluated_properties;
  const bool none_allowed = (p_.nodes[target].flags & SchemaNode::kFalseSchema) != 0;
  const rapidjson::Value& v = *at.value;
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    if (evaluated->Has(m - v.MemberBegin())) continue;
    const absl::string_view name = View(m->name);
    const InstancePath step{at.path, name, 0, false};
    if (none_allowed) {
      return Fail(&step, target, "", [&] {
        return absl::StrCat("member ", Quoted(name), " is not allowed (unevaluatedProperties)");
      });
    }
    if (!Validate(target, Item(at, step, m->value), nullptr)) return false;
  }
  evaluated->MarkAll();
  return true;
}

}  // namespace mcpguard::internal
