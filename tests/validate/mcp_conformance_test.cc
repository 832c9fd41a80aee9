// Conformance of mcpguard's MCP definitions with the published examples of
// 2026-07-28 (reference data, found through MCPGUARD_SPEC_DIR):
//
// 1. Every example <spec>/2026-07-28/examples/<Type>/*.json validates against
//    our definition of <Type>, with no unknown-member reports (except the
//    examples listed in kExampleIssues, whose extra members the spec's own
//    definition does not declare either).
// 2. Mutations generated from each example, guided by our definitions, are
//    rejected with the instance pointer of the mutated place: each required
//    member dropped; each member's value replaced by one of a wrong JSON type
//    (a fraction where only integers are allowed); each const and enum value
//    replaced; a JSON-RPC id replaced by an object, a boolean, a fraction.
//    The published schema, compiled by the same engine, is the oracle for
//    which mutations are violations at all: one it accepts (say, a dropped
//    member another union branch does not need) is counted and skipped.
//
// Pointer rule: the issue's instance pointer equals the mutated location (for
// a dropped member: the object that lost it, or the member's own pointer).
// Under a union (anyOf/oneOf) the engine may report the union's location or a
// place inside the branch it tried, so there it must start with the location
// of the outermost union around the mutated place.
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "mcp_spec_files_testing.h"
#include "rapidjson/document.h"
#include "rapidjson/pointer.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "schema/compiled_schema.h"
#include "validate/mcp_schema.h"

namespace mcpguard::internal {
namespace {

constexpr McpVersion kExamplesVersion = McpVersion::k2026_07_28;

// Examples whose members go beyond the spec's own definition of their type.
struct ExampleIssue {
  const char* example;         // "<Type>/<file>"
  const char* unknown_member;  // Instance pointer reported as unknown.
};
constexpr ExampleIssue kExampleIssues[] = {
    // ListRootsRequest is embedded in an InputRequiredResult in 2026-07-28
    // and has no JSON-RPC id; the example still carries one.
    {"ListRootsRequest/list-roots-request.json", "/id"},
};

// Examples that break the spec's own definition of their type; ours rejects
// them at `instance_pointer`. (The published schema accepts them only
// because its result unions also admit an InputRequiredResult, which
// requires nothing but resultType; ours admits that branch only when
// resultType is "input_required".)
struct RejectedExample {
  const char* example;
  const char* instance_pointer;
};
constexpr RejectedExample kRejectedExamples[] = {
    // A "complete" ReadResourceResult without the required ttlMs and
    // cacheScope.
    {"ReadResourceResultResponse/read-resource-result-response.json", "/result"},
};

std::string Escape(absl::string_view token) {
  return absl::StrReplaceAll(token, {{"~", "~0"}, {"/", "~1"}});
}

std::string ToJson(const rapidjson::Value& v) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  v.Accept(w);
  return std::string(sb.GetString(), sb.GetSize());
}

struct Mutation {
  std::string what;                         // "drop /params/name", "/id := true".
  std::string location;                     // Instance pointer of the mutated place.
  std::string parent;                       // For a dropped member: the object's pointer.
  std::string member;                       // For a dropped member: its name.
  std::string anchor;                       // Outermost enclosing union's instance pointer, or "".
  std::unique_ptr<rapidjson::Value> value;  // Replacement; null for a drop.
};

// Walks an example together with our schema and lists mutations.
class MutationPlanner {
 public:
  MutationPlanner(const rapidjson::Value& defs, const CompiledSchema& compiled)
      : defs_(defs), compiled_(compiled) {}

  std::vector<Mutation> Plan(const rapidjson::Value& instance, const std::string& schema_ptr) {
    mutations_.clear();
    Walk(instance, schema_ptr, "", "");
    return std::move(mutations_);
  }

 private:
  // Follows $ref; *ptr becomes the pointer of the schema reached.
  const rapidjson::Value* Resolve(const rapidjson::Value* s, std::string* ptr) const {
    for (int hops = 0; hops < 16 && s->IsObject(); ++hops) {
      auto ref = s->FindMember("$ref");
      if (ref == s->MemberEnd()) break;
      std::string name = testing_spec::RefName(ref->value.GetString());
      *ptr = absl::StrCat("/$defs/", name);
      s = &defs_[name.c_str()];
    }
    return s;
  }

  const rapidjson::Value* AtPointer(const std::string& ptr) const {
    // Our pointers are "/$defs/<name>[/...]"; rapidjson resolves them in the
    // document whose "$defs" is defs_.
    static const std::string kPrefix = "/$defs";
    return rapidjson::Pointer(ptr.substr(kPrefix.size()).c_str()).Get(defs_);
  }

  // JSON types a schema admits; empty when unconstrained or unknown.
  std::vector<std::string> Admitted(const rapidjson::Value* s, std::string ptr) const {
    s = Resolve(s, &ptr);
    std::vector<std::string> types;
    if (!s->IsObject()) return types;
    auto t = s->FindMember("type");
    if (t != s->MemberEnd()) {
      if (t->value.IsString()) types.push_back(t->value.GetString());
      if (t->value.IsArray()) {
        for (const auto& x : t->value.GetArray()) types.push_back(x.GetString());
      }
      return types;
    }
    for (const char* key : {"anyOf", "oneOf"}) {
      auto u = s->FindMember(key);
      if (u == s->MemberEnd()) continue;
      for (rapidjson::SizeType i = 0; i < u->value.Size(); ++i) {
        std::vector<std::string> b = Admitted(&u->value[i], absl::StrCat(ptr, "/", key, "/", i));
        if (b.empty()) return {};  // Some branch takes anything.
        types.insert(types.end(), b.begin(), b.end());
      }
    }
    return types;
  }

  static bool Has(const std::vector<std::string>& v, absl::string_view s) {
    for (const auto& x : v) {
      if (x == s) return true;
    }
    return false;
  }

  void Add(std::string what, const std::string& location, const std::string& anchor,
           rapidjson::Value value) {
    Mutation m;
    m.what = std::move(what);
    m.location = location;
    m.anchor = anchor;
    m.value = std::make_unique<rapidjson::Value>();
    *m.value = std::move(value);  // Literals only: no allocator needed.
    mutations_.push_back(std::move(m));
  }

  // Replacements of the value at `location`, whose schema is `s`.
  void ValueMutations(const rapidjson::Value& current, const rapidjson::Value* s, std::string ptr,
                      const std::string& location, const std::string& anchor, bool is_id) {
    const rapidjson::Value* r = Resolve(s, &ptr);
    if (r->IsObject()) {
      auto c = r->FindMember("const");
      if (c != r->MemberEnd() && c->value.IsString()) {
        Add(absl::StrCat(location, " := wrong const"), location, anchor,
            rapidjson::Value("not-the-const"));
      } else if (c != r->MemberEnd() && c->value.IsInt64()) {
        Add(absl::StrCat(location, " := wrong const"), location, anchor,
            rapidjson::Value(c->value.GetInt64() + 1000));
      }
      if (r->HasMember("enum")) {
        Add(absl::StrCat(location, " := value outside enum"), location, anchor,
            rapidjson::Value("not-in-the-enum"));
      }
    }
    bool union_here = r->IsObject() && (r->HasMember("anyOf") || r->HasMember("oneOf"));
    std::string value_anchor = union_here && anchor.empty() ? location : anchor;
    if (is_id) {
      Add(absl::StrCat(location, " := {}"), location, value_anchor,
          rapidjson::Value(rapidjson::kObjectType));
      Add(absl::StrCat(location, " := true"), location, value_anchor, rapidjson::Value(true));
      Add(absl::StrCat(location, " := 1.5"), location, value_anchor, rapidjson::Value(1.5));
      return;
    }
    std::vector<std::string> types = Admitted(s, ptr);
    if (types.empty()) return;
    if (Has(types, "integer") && !Has(types, "number")) {
      Add(absl::StrCat(location, " := 1.5"), location, value_anchor, rapidjson::Value(1.5));
    }
    struct Candidate {
      const char* type;
      rapidjson::Type json;
    };
    for (const Candidate& c :
         {Candidate{"string", rapidjson::kStringType}, Candidate{"integer", rapidjson::kNumberType},
          Candidate{"boolean", rapidjson::kTrueType}, Candidate{"object", rapidjson::kObjectType},
          Candidate{"array", rapidjson::kArrayType}}) {
      absl::string_view t = c.type;
      if (Has(types, t) || (t == "integer" && Has(types, "number"))) continue;
      if (current.GetType() == c.json) continue;
      rapidjson::Value v;
      if (t == "string") v.SetString("wrong-type");
      if (t == "integer") v.SetInt(7);
      if (t == "boolean") v.SetBool(true);
      if (t == "object") v.SetObject();
      if (t == "array") v.SetArray();
      Add(absl::StrCat(location, " := ", t), location, value_anchor, std::move(v));
      break;
    }
  }

  void Walk(const rapidjson::Value& inst, std::string ptr, const std::string& at,
            const std::string& anchor) {
    if (++depth_ > 64) return;
    const rapidjson::Value* s = Resolve(AtPointer(ptr), &ptr);
    WalkResolved(inst, s, ptr, at, anchor);
    --depth_;
  }

  void WalkResolved(const rapidjson::Value& inst, const rapidjson::Value* s, const std::string& ptr,
                    const std::string& at, const std::string& anchor) {
    if (!s->IsObject()) return;
    for (const char* key : {"anyOf", "oneOf"}) {
      auto u = s->FindMember(key);
      if (u == s->MemberEnd()) continue;
      // Follow the branch the instance validates against.
      for (rapidjson::SizeType i = 0; i < u->value.Size(); ++i) {
        std::string branch = absl::StrCat(ptr, "/", key, "/", i);
        std::optional<CompiledSchema::Node> node = compiled_.Find(branch);
        if (node && compiled_.Validate(*node, inst)) {
          Walk(inst, branch, at, anchor.empty() ? at : anchor);
          break;
        }
      }
    }
    auto all = s->FindMember("allOf");
    if (all != s->MemberEnd()) {
      for (rapidjson::SizeType i = 0; i < all->value.Size(); ++i) {
        Walk(inst, absl::StrCat(ptr, "/allOf/", i), at, anchor);
      }
    }
    if (inst.IsObject()) {
      auto props = s->FindMember("properties");
      auto req = s->FindMember("required");
      if (req != s->MemberEnd()) {
        for (const auto& r : req->value.GetArray()) {
          if (!inst.HasMember(r)) continue;
          Mutation m;
          m.what = absl::StrCat("drop ", at, "/", Escape(r.GetString()));
          m.location = absl::StrCat(at, "/", Escape(r.GetString()));
          m.parent = at;
          m.member = r.GetString();
          m.anchor = anchor;
          mutations_.push_back(std::move(m));
        }
      }
      auto additional = s->FindMember("additionalProperties");
      for (auto member = inst.MemberBegin(); member != inst.MemberEnd(); ++member) {
        std::string name = member->name.GetString();
        std::string child_at = absl::StrCat(at, "/", Escape(name));
        std::string child_ptr;
        if (props != s->MemberEnd() && props->value.HasMember(name.c_str())) {
          child_ptr = absl::StrCat(ptr, "/properties/", Escape(name));
        } else if (additional != s->MemberEnd() && additional->value.IsObject()) {
          child_ptr = absl::StrCat(ptr, "/additionalProperties");
        } else {
          continue;
        }
        bool is_id = at.empty() && name == "id";
        ValueMutations(member->value, AtPointer(child_ptr), child_ptr, child_at, anchor, is_id);
        Walk(member->value, child_ptr, child_at, anchor);
      }
    }
    if (inst.IsArray()) {
      auto items = s->FindMember("items");
      if (items == s->MemberEnd()) return;
      std::string item_ptr = absl::StrCat(ptr, "/items");
      for (rapidjson::SizeType i = 0; i < inst.Size(); ++i) {
        std::string child_at = absl::StrCat(at, "/", i);
        ValueMutations(inst[i], AtPointer(item_ptr), item_ptr, child_at, anchor, false);
        Walk(inst[i], item_ptr, child_at, anchor);
      }
    }
  }

  const rapidjson::Value& defs_;
  const CompiledSchema& compiled_;
  std::vector<Mutation> mutations_;
  int depth_ = 0;
};

bool PointerAccepted(const Mutation& m, const std::string& got) {
  // Under a union the engine reports the union's place (or a place inside
  // the branch it tried last).
  if (!m.anchor.empty()) return absl::StartsWith(got, m.anchor);
  if (m.value == nullptr) return got == m.parent || got == m.location;
  return got == m.location;
}

TEST(McpConformanceTest, ExamplesValidateAndMutationsAreRejected) {
  std::optional<std::string> spec_dir = testing_spec::SpecDir();
  if (!spec_dir) GTEST_SKIP() << "MCPGUARD_SPEC_DIR is not set; skipping the conformance test";
  const std::string examples_dir =
      absl::StrCat(*spec_dir, "/", McpVersionName(kExamplesVersion), "/examples");
  const CompiledSchema& ours = McpCompiledSchema(kExamplesVersion);
  const rapidjson::Value& our_defs = McpSchemaDocument(kExamplesVersion)["$defs"];
  ASSERT_TRUE(ours.Find("/$defs/Tool").has_value()) << "our document did not compile";

  // The published schema, compiled by the same engine: the oracle.
  rapidjson::Document official_doc;
  std::string error;
  ASSERT_TRUE(testing_spec::ReadJsonFile(
      testing_spec::OfficialSchemaPath(*spec_dir, kExamplesVersion), &official_doc, &error))
      << error;
  auto official = CompiledSchema::Compile(official_doc);
  if (!official.ok()) {
    std::cout << "[ conformance ] published schema does not compile ("
              << official.status().ToString() << "); every mutation must be rejected\n";
  }

  std::set<const ExampleIssue*> seen_issues;
  std::map<std::string, size_t> stricter_by_example;
  size_t examples = 0, rejected_examples = 0, mutations = 0, rejected = 0, at_union = 0,
         spec_accepts = 0, ours_stricter = 0;
  MutationPlanner planner(our_defs, ours);
  for (const std::string& type : testing_spec::ListDir(examples_dir)) {
    std::string def = absl::StrCat("/$defs/", type);
    std::optional<CompiledSchema::Node> node = ours.Find(def);
    if (!node) {
      ADD_FAILURE() << "no definition of " << type;
      continue;
    }
    std::optional<CompiledSchema::Node> oracle;
    if (official.ok()) oracle = (*official)->Find(def);
    for (const std::string& file : testing_spec::ListDir(absl::StrCat(examples_dir, "/", type))) {
      std::string name = absl::StrCat(type, "/", file);
      rapidjson::Document example;
      ASSERT_TRUE(
          testing_spec::ReadJsonFile(absl::StrCat(examples_dir, "/", name), &example, &error))
          << error;
      ++examples;
      SchemaIssue issue;
      std::vector<SchemaIssue> unknown;
      const RejectedExample* known_bad = nullptr;
      for (const RejectedExample& r : kRejectedExamples) {
        if (name == r.example) known_bad = &r;
      }
      if (known_bad != nullptr) {
        EXPECT_FALSE(ours.Validate(*node, example, &issue)) << name << " is now valid";
        EXPECT_EQ(issue.instance_pointer, known_bad->instance_pointer) << name;
        ++rejected_examples;
        continue;
      }
      if (!ours.Validate(*node, example, &issue, &unknown)) {
        ADD_FAILURE() << name << " does not validate: " << issue.message << " at '"
                      << issue.instance_pointer << "' (schema " << issue.schema_pointer << ")";
        continue;
      }
      for (const SchemaIssue& u : unknown) {
        bool expected = false;
        for (const ExampleIssue& e : kExampleIssues) {
          if (name == e.example && u.instance_pointer == e.unknown_member) {
            expected = true;
            seen_issues.insert(&e);
          }
        }
        if (!expected) {
          ADD_FAILURE() << name << ": " << u.message << " at '" << u.instance_pointer << "'";
        }
      }

      for (Mutation& m : planner.Plan(example, def)) {
        rapidjson::Document mutated;
        mutated.CopyFrom(example, mutated.GetAllocator());
        if (m.value == nullptr) {
          rapidjson::Value* parent = rapidjson::Pointer(m.parent.c_str()).Get(mutated);
          ASSERT_NE(parent, nullptr) << name << ": " << m.what;
          parent->RemoveMember(m.member.c_str());
        } else {
          rapidjson::Value* target = rapidjson::Pointer(m.location.c_str()).Get(mutated);
          ASSERT_NE(target, nullptr) << name << ": " << m.what;
          target->CopyFrom(*m.value, mutated.GetAllocator());
        }
        ++mutations;
        bool ours_ok = ours.Validate(*node, mutated, &issue);
        if (oracle && (*official)->Validate(*oracle, mutated)) {
          ++spec_accepts;
          if (!ours_ok) {
            ++ours_stricter;
            ++stricter_by_example[name];
          }
          continue;
        }
        if (ours_ok) {
          ADD_FAILURE() << name << ": mutation " << m.what << " was accepted: " << ToJson(mutated);
          continue;
        }
        ++rejected;
        if (issue.instance_pointer != m.location && issue.instance_pointer != m.parent) ++at_union;
        EXPECT_TRUE(PointerAccepted(m, issue.instance_pointer))
            << name << ": mutation " << m.what << " reported at '" << issue.instance_pointer
            << "' (" << issue.message << ", schema " << issue.schema_pointer << ")";
      }
    }
  }
  std::cout << "[ conformance ] " << examples << " examples (" << rejected_examples
            << " known invalid, rejected as expected), " << mutations << " mutations: " << rejected
            << " rejected (" << rejected - at_union << " at the mutated place, " << at_union
            << " at an enclosing union), " << spec_accepts
            << " also valid per the published schema (skipped), " << ours_stricter
            << " of those rejected by us only\n";
  for (const auto& [example, count] : stricter_by_example) {
    std::cout << "[ stricter ] " << example << ": " << count
              << " mutations rejected by us, accepted by the published schema through its"
                 " InputRequiredResult branch\n";
  }
  for (const ExampleIssue& e : kExampleIssues) {
    EXPECT_TRUE(seen_issues.count(&e))
        << "no unknown member " << e.unknown_member << " in " << e.example << " any more";
  }
  EXPECT_GT(examples, 0u);
}

}  // namespace
}  // namespace mcpguard::internal
