"""Which networks Quick post offers: the ones ticked last time (kept in the store's settings), and
the line that says why LinkedIn or X cannot be ticked, with the way out (Settings → Accounts).

Its strings stay in the "QuickPostWindow" translation context (literal translate() calls, which
lupdate reads): they moved here from the window without losing a translation."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from somedesk.core.model import Network
from somedesk.gui.context import GuiContext

NETWORKS_KEY = "quick_post.networks"  # the networks ticked last time (in the store's settings)


def network_names(networks: Sequence[Network]) -> str:
    """ "LinkedIn, X": networks as a sentence names them."""
    return ", ".join(n.display_name for n in networks)


def remembered_networks(ctx: GuiContext, usable: Sequence[Network]) -> list[Network]:
    """The usable networks ticked last time; else every usable one but the sandbox (or the sandbox)."""
    value = ctx.app.store.setting(NETWORKS_KEY)
    if value is not None:
        remembered = [n for n in usable if n.value in value.split(",")]
        if remembered:
            return remembered
    return [n for n in usable if n is not Network.SANDBOX] or [Network.SANDBOX]


def remember_networks(ctx: GuiContext, chosen: Sequence[Network]) -> None:
    ctx.app.store.set_setting(NETWORKS_KEY, ",".join(n.value for n in chosen))


def unavailable_text(missing: Sequence[Network], expired: Sequence[Network]) -> str:
    """Rich text: which networks are not connected or need signing in again, and a link to the
    accounts settings; "" when all can be ticked."""
    parts = []
    if missing:
        line = QCoreApplication.translate("QuickPostWindow", "Not connected: {networks}.")
        parts.append(line.format(networks=network_names(missing)))
    if expired:
        line = QCoreApplication.translate("QuickPostWindow", "Needs signing in again: {networks}.")
        parts.append(line.format(networks=network_names(expired)))
    if not parts:
        return ""
    link = QCoreApplication.translate("QuickPostWindow", "Open Settings → Accounts")
    text = html.escape(" ".join(parts))
    return f'{text} <a href="accounts">{html.escape(link)}</a>'
