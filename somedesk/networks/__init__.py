"""Talking to the social networks: OAuth sign-in, credentials and the LinkedIn and X publishing clients."""
