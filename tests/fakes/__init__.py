"""Fake LinkedIn and X servers on 127.0.0.1 that follow api-contracts.md, for contract and client tests."""

from tests.fakes.linkedin import FakeLinkedIn, LinkedInImage, LinkedInMember, LinkedInPost
from tests.fakes.server import FakeClock, FakeServer, IssuedToken, Reply, Seen, pkce_pair
from tests.fakes.x import FakeX, XMedia, XPost, XUser

__all__ = [
    "FakeClock",
    "FakeLinkedIn",
    "FakeServer",
    "FakeX",
    "IssuedToken",
    "LinkedInImage",
    "LinkedInMember",
    "LinkedInPost",
    "Reply",
    "Seen",
    "XMedia",
    "XPost",
    "XUser",
    "pkce_pair",
]
