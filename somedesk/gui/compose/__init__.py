"""Quick post: the window, its counters, spelling and policy marks, moments menu and share box."""
