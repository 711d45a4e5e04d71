"""A package with nodes but no flow: checking it checks nothing, which is an error (issue 9)."""
