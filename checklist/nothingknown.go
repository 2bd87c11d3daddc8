package checklist

// NothingKnown reports an audit in which no check has been judged: nothing
// passed, failed or was accepted, so an empty action plan means only that
// nobody has looked yet, never that all is well.
func (s Scorecard) NothingKnown() bool {
	c := s.Counts
	return c.Pass+c.Fail+c.Accepted == 0
}
