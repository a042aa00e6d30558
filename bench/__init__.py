"""The scale benchmark (``make bench``): a whole 360 round on the local stack, its AWS calls
against the floor, its speed against the raw endpoint, and what it would cost on AWS."""
