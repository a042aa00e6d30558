"""`janus`: HR's command-line tool. It talks HTTP to any Janus deployment, local or on AWS (see docs/cli.md)."""
