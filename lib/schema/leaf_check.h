// The inline leaf check of a compiled node (LeafCheck, schema_program.h).
#ifndef MCPGUARD_SCHEMA_LEAF_CHECK_H_
#define MCPGUARD_SCHEMA_LEAF_CHECK_H_

#include "schema/schema_program.h"

namespace mcpguard::internal {

// The LeafCheck of a plain or empty node (appending its string enum, if
// any, to p->enum_strings); an empty LeafCheck for any other. Called once
// per node, after the node's keywords are compiled.
LeafCheck MakeLeafCheck(const SchemaNode& n, SchemaProgram* p);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_LEAF_CHECK_H_
