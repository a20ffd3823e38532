"""Plain data and rules of the programme: no database, no GUI."""
