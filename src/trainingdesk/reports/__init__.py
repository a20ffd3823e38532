"""Documents the program writes (PDF, XLSX) from plain records; no database access."""
