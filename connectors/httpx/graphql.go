package httpx

import (
	"errors"
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// queryOnly accepts a GraphQL document only when every operation in it is a
// query. A real parser is used rather than a search for the word "mutation"
// because comments, strings, aliases and shorthand ("{ ... }" is a query)
// make a hand-rolled check easy to fool in either direction.
func queryOnly(document string) error {
	doc, err := parser.ParseQuery(&ast.Source{Input: document})
	if err != nil {
		return fmt.Errorf("%w: the GraphQL request could not be read", ErrNotReadOnly)
	}
	if len(doc.Operations) == 0 {
		return fmt.Errorf("%w: the GraphQL request has no operation in it", ErrNotReadOnly)
	}
	for _, op := range doc.Operations {
		if op.Operation != ast.Query {
			return fmt.Errorf("%w: GraphQL %s operations change or watch the phone system", ErrNotReadOnly, op.Operation)
		}
	}
	return nil
}

// errGraphQLBody is for a marked GraphQL request whose body is not the JSON
// envelope GraphQL() builds.
var errGraphQLBody = errors.New("the GraphQL request body could not be checked")
