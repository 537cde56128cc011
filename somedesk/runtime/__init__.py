"""The runtime: the scheduler that publishes and reminds, and the notifications it sends."""
