"""Privacy: everything Janus holds about one employee, exported for HR (the right of access)."""
