"""The audit log: every read of a person's report, review, development plan or case by someone else."""
