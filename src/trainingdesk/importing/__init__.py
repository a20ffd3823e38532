"""Reading files people bring (CSV, XLSX) into plain records; no database access."""
