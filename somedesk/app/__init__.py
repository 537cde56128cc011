"""Use cases and composition: the services every face calls, and `build`, which wires them."""
