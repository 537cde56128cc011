"""The runtime that publishes and reminds on time: APScheduler jobs derived from the store."""
