// Structural cross-check of mcpguard's own MCP definitions against the
// published schema.json of each version (reference data, found through
// MCPGUARD_SPEC_DIR). For every official definition, the definition of the
// same name in our document must agree on member names, required members,
// JSON types, const and enum values, numeric bounds and formats, recursively
// through items, additionalProperties and unions, following $ref on both
// sides (the older versions write params inline where we name them).
//
// Normalizations, all structural: allOf parts are merged into one object;
// a union branch of ours written allOf[$ref X, <narrowing>] counts as X; an
// optional `_meta` we add where the official schema omits it is a note (the
// spec allows `_meta` on every params and result object). Deliberate
// deviations are listed in kDeviations with the reason; an entry that no
// longer matches anything fails the test, so the list stays true.
#include <deque>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "mcp_spec_files_testing.h"
#include "rapidjson/document.h"
#include "validate/mcp_schema.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal {
namespace {

using testing_spec::RefName;

struct Deviation {
  McpVersion version;
  const char* path;  // Official-side path where the difference shows.
  const char* reason;
};

// Where we deliberately differ from the published schema.
constexpr Deviation kDeviations[] = {
    {McpVersion::k2026_07_28, "JSONValue/anyOf/2/type",
     "the published JSONValue admits only integers among numbers and no null; "
     "arbitrary JSON includes 0.5 and null"},
    {McpVersion::k2025_06_18, "ElicitResult/properties/content/additionalProperties/type",
     "form answers may be non-integral numbers (NumberSchema allows type \"number\")"},
    {McpVersion::k2025_11_25, "ElicitResult/properties/content/additionalProperties/anyOf/1/type",
     "form answers may be non-integral numbers (NumberSchema allows type \"number\")"},
    {McpVersion::k2026_07_28, "ElicitResult/properties/content/additionalProperties/anyOf/1/type",
     "form answers may be non-integral numbers (NumberSchema allows type \"number\")"},
};

std::string Join(const std::set<std::string>& s) {
  return absl::StrCat("[", absl::StrJoin(s, ", "), "]");
}

class Comparator {
 public:
  Comparator(McpVersion version, const rapidjson::Value& official_defs,
             const rapidjson::Value& our_defs)
      : version_(version), official_defs_(official_defs), our_defs_(our_defs) {}

  void CompareDef(const std::string& name) {
    auto o = official_defs_.FindMember(name.c_str());
    auto m = our_defs_.FindMember(name.c_str());
    if (m == our_defs_.MemberEnd()) {
      Mismatch(name, "defined by the spec, not by us");
      return;
    }
    Compare(name, o->value, m->value);
  }

  const std::vector<std::string>& mismatches() const { return mismatches_; }
  const std::vector<std::string>& notes() const { return notes_; }
  const std::set<const Deviation*>& used_deviations() const { return used_; }

 private:
  const rapidjson::Value* Resolve(const rapidjson::Value* v, const rapidjson::Value& defs,
                                  std::string* name) const {
    for (int hops = 0; hops < 16 && v->IsObject(); ++hops) {
      auto ref = v->FindMember("$ref");
      if (ref == v->MemberEnd() || !ref->value.IsString()) break;
      std::string target = RefName(ref->value.GetString());
      auto it = defs.FindMember(target.c_str());
      if (it == defs.MemberEnd()) break;
      *name = target;
      v = &it->value;
    }
    return v;
  }

  // Merges allOf parts (after resolving them) into one object schema.
  const rapidjson::Value* Flatten(const rapidjson::Value* v, const rapidjson::Value& defs) {
    if (!v->IsObject() || !v->HasMember("allOf")) return v;
    arena_.emplace_back(rapidjson::kObjectType);
    rapidjson::Document& merged = arena_.back();
    for (auto m = v->MemberBegin(); m != v->MemberEnd(); ++m) {
      if (std::string(m->name.GetString()) == "allOf") continue;
      MergeInto(&merged, m->name.GetString(), m->value);
    }
    for (const rapidjson::Value& part : (*v)["allOf"].GetArray()) {
      std::string ignored;
      const rapidjson::Value* p = Flatten(Resolve(&part, defs, &ignored), defs);
      for (auto m = p->MemberBegin(); m != p->MemberEnd(); ++m) {
        MergeInto(&merged, m->name.GetString(), m->value);
      }
    }
    return &merged;
  }

  static void MergeInto(rapidjson::Document* merged, const char* key,
                        const rapidjson::Value& value) {
    auto& alloc = merged->GetAllocator();
    auto existing = merged->FindMember(key);
    if (existing == merged->MemberEnd()) {
      merged->AddMember(rapidjson::Value(key, alloc), rapidjson::Value(value, alloc), alloc);
      return;
    }
    std::string k = key;
    if (k == "properties" && existing->value.IsObject() && value.IsObject()) {
      for (auto m = value.MemberBegin(); m != value.MemberEnd(); ++m) {
        auto e = existing->value.FindMember(m->name);
        if (e == existing->value.MemberEnd()) {
          existing->value.AddMember(rapidjson::Value(m->name, alloc),
                                    rapidjson::Value(m->value, alloc), alloc);
        } else if (e->value.IsObject() && m->value.IsObject()) {
          for (auto kw = m->value.MemberBegin(); kw != m->value.MemberEnd(); ++kw) {
            e->value.RemoveMember(kw->name);
            e->value.AddMember(rapidjson::Value(kw->name, alloc),
                               rapidjson::Value(kw->value, alloc), alloc);
          }
        }
      }
    } else if (k == "required" && existing->value.IsArray() && value.IsArray()) {
      for (const auto& r : value.GetArray())
        existing->value.PushBack(rapidjson::Value(r, alloc), alloc);
    } else {
      existing->value.CopyFrom(value, alloc);
    }
  }

  static std::set<std::string> Types(const rapidjson::Value& v) {
    std::set<std::string> types;
    if (!v.IsObject()) return types;
    auto t = v.FindMember("type");
    if (t != v.MemberEnd()) {
      if (t->value.IsString()) types.insert(t->value.GetString());
      if (t->value.IsArray()) {
        for (const auto& x : t->value.GetArray()) {
          if (x.IsString()) types.insert(x.GetString());
        }
      }
    }
    return types;
  }

  static std::set<std::string> Strings(const rapidjson::Value& v, const char* key) {
    std::set<std::string> out;
    auto it = v.FindMember(key);
    if (it == v.MemberEnd()) return out;
    if (it->value.IsArray()) {
      for (const auto& x : it->value.GetArray()) out.insert(Text(x));
    } else if (it->value.IsObject()) {
      for (auto m = it->value.MemberBegin(); m != it->value.MemberEnd(); ++m) {
        out.insert(m->name.GetString());
      }
    }
    return out;
  }

  static std::string Text(const rapidjson::Value& v) {
    if (v.IsString()) return absl::StrCat("\"", v.GetString(), "\"");
    if (v.IsInt64()) return absl::StrCat(v.GetInt64());
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    if (v.IsDouble()) return absl::StrCat(v.GetDouble());
    if (v.IsNull()) return "null";
    return "<composite>";
  }

  static std::string Keyword(const rapidjson::Value& v, const char* key) {
    if (!v.IsObject()) return "";
    auto it = v.FindMember(key);
    return it == v.MemberEnd() ? "" : Text(it->value);
  }

  // An official schema that admits any members: additionalProperties true
  // or {} or a schema, or an object type without declared members.
  static bool OfficiallyOpen(const rapidjson::Value& v) {
    auto ap = v.FindMember("additionalProperties");
    if (ap != v.MemberEnd()) return !(ap->value.IsBool() && !ap->value.GetBool());
    auto props = v.FindMember("properties");
    return props == v.MemberEnd() || props->value.ObjectEmpty();
  }

  static bool IsTrivial(const rapidjson::Value& v) {
    return (v.IsBool() && v.GetBool()) || (v.IsObject() && v.ObjectEmpty());
  }

  void Mismatch(const std::string& path, const std::string& what) {
    for (const Deviation& d : kDeviations) {
      if (d.version == version_ && path == d.path) {
        used_.insert(&d);
        notes_.push_back(absl::StrCat(path, ": deliberate deviation (", d.reason, "): ", what));
        return;
      }
    }
    mismatches_.push_back(absl::StrCat(McpVersionName(version_), " ", path, ": ", what));
  }

  void Compare(const std::string& path, const rapidjson::Value& official_in,
               const rapidjson::Value& ours_in) {
    std::string oname, mname;
    const rapidjson::Value* o =
        Flatten(Resolve(&official_in, official_defs_, &oname), official_defs_);
    const rapidjson::Value* m = Flatten(Resolve(&ours_in, our_defs_, &mname), our_defs_);
    if (!visited_.insert({o, m}).second) return;
    // Past a reference, name places by the official definition reached.
    if (!oname.empty()) return CompareResolved(oname, o, m);
    CompareResolved(path, o, m);
  }

  void CompareResolved(const std::string& path, const rapidjson::Value* o,
                       const rapidjson::Value* m) {
    if (!o->IsObject() || !m->IsObject()) {
      if (o->IsObject() != m->IsObject()) Mismatch(path, "schema kinds differ");
      return;
    }
    std::set<std::string> ot = Types(*o), mt = Types(*m);
    if (ot != mt)
      Mismatch(absl::StrCat(path, "/type"),
               absl::StrCat("official ", Join(ot), ", ours ", Join(mt)));
    for (const char* kw : {"const", "minimum", "maximum", "format"}) {
      std::string a = Keyword(*o, kw), b = Keyword(*m, kw);
      if (a != b) {
        Mismatch(absl::StrCat(path, "/", kw), absl::StrCat("official '", a, "', ours '", b, "'"));
      }
    }
    std::set<std::string> oe = Strings(*o, "enum"), me = Strings(*m, "enum");
    if (oe != me)
      Mismatch(absl::StrCat(path, "/enum"),
               absl::StrCat("official ", Join(oe), ", ours ", Join(me)));
    CompareMembers(path, *o, *m);
    CompareSub(path, *o, *m, "items");
    CompareAdditional(path, *o, *m);
    CompareUnion(path, *o, *m, "anyOf");
    CompareUnion(path, *o, *m, "oneOf");
  }

  void CompareMembers(const std::string& path, const rapidjson::Value& o,
                      const rapidjson::Value& m) {
    std::set<std::string> op = Strings(o, "properties"), mp = Strings(m, "properties");
    std::set<std::string> oreq = Strings(o, "required"), mreq = Strings(m, "required");
    if (mp.count("_meta") && !op.count("_meta") && !mreq.count("\"_meta\"") && !op.empty()) {
      notes_.push_back(absl::StrCat(path, ": optional _meta added"));
      mp.erase("_meta");
    }
    if (op != mp) {
      Mismatch(absl::StrCat(path, "/properties"),
               absl::StrCat("official ", Join(op), ", ours ", Join(mp)));
    }
    if (oreq != mreq) {
      Mismatch(absl::StrCat(path, "/required"),
               absl::StrCat("official ", Join(oreq), ", ours ", Join(mreq)));
    }
    auto mclosed = m.FindMember("x-mcpguard-closed");
    if (mclosed != m.MemberEnd() && mclosed->value.IsTrue() && Types(o).count("object") &&
        OfficiallyOpen(o)) {
      Mismatch(path, "the spec leaves this object open; ours is closed");
    }
    if (op.empty() || mp.empty()) return;
    const rapidjson::Value& oprops = o["properties"];
    const rapidjson::Value& mprops = m["properties"];
    for (const std::string& name : op) {
      if (!mp.count(name)) continue;
      Compare(absl::StrCat(path, "/properties/", name), oprops[name.c_str()], mprops[name.c_str()]);
    }
  }

  void CompareSub(const std::string& path, const rapidjson::Value& o, const rapidjson::Value& m,
                  const char* key) {
    auto a = o.FindMember(key), b = m.FindMember(key);
    bool ha = a != o.MemberEnd(), hb = b != m.MemberEnd();
    if (ha != hb) {
      Mismatch(absl::StrCat(path, "/", key),
               ha ? "official has it, ours not" : "ours has it, official not");
      return;
    }
    if (ha) Compare(absl::StrCat(path, "/", key), a->value, b->value);
  }

  void CompareAdditional(const std::string& path, const rapidjson::Value& o,
                         const rapidjson::Value& m) {
    auto a = o.FindMember("additionalProperties"), b = m.FindMember("additionalProperties");
    bool oschema = a != o.MemberEnd() && !IsTrivial(a->value) && a->value.IsObject();
    bool mschema = b != m.MemberEnd() && !IsTrivial(b->value) && b->value.IsObject();
    if (oschema != mschema) {
      Mismatch(absl::StrCat(path, "/additionalProperties"),
               oschema ? "official constrains members, ours not"
                       : "ours constrains members, official not");
      return;
    }
    if (oschema) Compare(absl::StrCat(path, "/additionalProperties"), a->value, b->value);
  }

  // A union branch's identity: the definition it names, or "" when inline.
  std::string BranchName(const rapidjson::Value& branch, bool ours) {
    if (!branch.IsObject()) return "";
    auto ref = branch.FindMember("$ref");
    if (ref != branch.MemberEnd() && ref->value.IsString()) return RefName(ref->value.GetString());
    auto all = branch.FindMember("allOf");
    if (ours && all != branch.MemberEnd() && all->value.IsArray() && !all->value.Empty()) {
      std::string first = BranchName(all->value[0], ours);
      if (!first.empty()) {
        notes_.push_back(absl::StrCat("union branch ", first, " narrowed by us"));
        return first;
      }
    }
    return "";
  }

  void CompareUnion(const std::string& path, const rapidjson::Value& o, const rapidjson::Value& m,
                    const char* key) {
    auto a = o.FindMember(key), b = m.FindMember(key);
    bool ha = a != o.MemberEnd(), hb = b != m.MemberEnd();
    if (ha != hb) {
      Mismatch(absl::StrCat(path, "/", key),
               ha ? "official has it, ours not" : "ours has it, official not");
      return;
    }
    if (!ha) return;
    std::set<std::string> onames, mnames;
    std::vector<std::pair<size_t, const rapidjson::Value*>> oinline, minline;
    for (size_t i = 0; i < a->value.Size(); ++i) {
      std::string n = BranchName(a->value[i], false);
      if (n.empty())
        oinline.push_back({i, &a->value[i]});
      else
        onames.insert(n);
    }
    for (size_t i = 0; i < b->value.Size(); ++i) {
      std::string n = BranchName(b->value[i], true);
      if (n.empty())
        minline.push_back({i, &b->value[i]});
      else
        mnames.insert(n);
    }
    if (onames != mnames || oinline.size() != minline.size()) {
      Mismatch(absl::StrCat(path, "/", key),
               absl::StrCat("official ", Join(onames), " + ", oinline.size(), " inline, ours ",
                            Join(mnames), " + ", minline.size(), " inline"));
      return;
    }
    for (const std::string& n : onames) {
      Compare(n, official_defs_[n.c_str()], our_defs_[n.c_str()]);
    }
    for (size_t i = 0; i < oinline.size(); ++i) {
      Compare(absl::StrCat(path, "/", key, "/", oinline[i].first), *oinline[i].second,
              *minline[i].second);
    }
  }

  McpVersion version_;
  const rapidjson::Value& official_defs_;
  const rapidjson::Value& our_defs_;
  std::deque<rapidjson::Document> arena_;
  std::set<std::pair<const rapidjson::Value*, const rapidjson::Value*>> visited_;
  std::vector<std::string> mismatches_;
  std::vector<std::string> notes_;
  std::set<const Deviation*> used_;
};

class McpDefinitionsSpecTest : public ::testing::TestWithParam<McpVersion> {};

TEST_P(McpDefinitionsSpecTest, AgreesWithPublishedSchema) {
  std::optional<std::string> spec_dir = testing_spec::SpecDir();
  if (!spec_dir) GTEST_SKIP() << "MCPGUARD_SPEC_DIR is not set; skipping the spec cross-check";
  McpVersion version = GetParam();
  rapidjson::Document official;
  std::string error;
  ASSERT_TRUE(testing_spec::ReadJsonFile(testing_spec::OfficialSchemaPath(*spec_dir, version),
                                         &official, &error))
      << error;
  const rapidjson::Value* official_defs = testing_spec::OfficialDefs(official);
  ASSERT_NE(official_defs, nullptr);
  const rapidjson::Value& ours = McpSchemaDocument(version)["$defs"];

  Comparator comparator(version, *official_defs, ours);
  size_t compared = 0;
  for (auto d = official_defs->MemberBegin(); d != official_defs->MemberEnd(); ++d) {
    comparator.CompareDef(d->name.GetString());
    ++compared;
  }
  for (const std::string& m : comparator.mismatches()) ADD_FAILURE() << m;
  size_t deviations = 0;
  for (const Deviation& d : kDeviations) {
    if (d.version != version) continue;
    ++deviations;
    EXPECT_TRUE(comparator.used_deviations().count(&d))
        << "stale deviation entry " << McpVersionName(version) << " " << d.path;
  }
  std::cout << "[ spec ] " << McpVersionName(version) << ": " << compared
            << " official definitions compared with ours (" << ours.MemberCount() << " defined), "
            << comparator.mismatches().size() << " mismatches, " << deviations
            << " documented deviations, " << comparator.notes().size() << " notes\n";
  for (const std::string& n : comparator.notes()) {
    if (!absl::StrContains(n, "optional _meta added")) std::cout << "[ note ] " << n << "\n";
  }
}

INSTANTIATE_TEST_SUITE_P(AllVersions, McpDefinitionsSpecTest,
                         ::testing::ValuesIn(AllMcpVersions().begin(), AllMcpVersions().end()),
                         testing_spec::VersionTestName);

}  // namespace
}  // namespace mcpguard::internal
