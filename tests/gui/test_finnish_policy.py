"""The built-in policy messages in Finnish: core keeps them in English, the windows say them again by
rule code (gui/policy_text.py) — in Quick post's summary, its hover text, its refusal, and Settings'
"Try a text"."""

from __future__ import annotations

from somedesk.core.policy import BUILTINS, Finding
from somedesk.gui.context import GuiContext
from somedesk.gui.policy_text import finding_message
from somedesk.gui.settings.policy import PolicyPage
from tests.gui.test_compose import open_window, write

HETU = "131052-308T"  # a valid Finnish personal identity code (the tax administration's example)


def test_every_builtin_message_has_a_finnish_translation(finnish):
    for name, builtin in BUILTINS.items():
        finding = Finding(0, 1, "x", builtin.severity, builtin.message, f"builtin.{name}")
        assert finding_message(finding) != builtin.message, name


def test_quick_post_says_the_builtin_rule_in_finnish(ctx: GuiContext, qtbot, finnish):
    ctx.app.store.set_setting("quick_post.networks", "sandbox")
    window = open_window(ctx, qtbot)
    write(qtbot, window, f"Tunnukseni on {HETU}")
    assert window.policy_line.text() == "Käytäntö: 1 korjattava kohta — Henkilötunnus: älä koskaan jaa"
    assert window.legend.text().startswith("Korostettu: ")
    window.post_button.click()
    assert window.error.text() == (
        "Ei lähetetty: Henkilötunnus: älä koskaan jaa. Muuta ensin punaisella korostetut sanat."
    )
    window.close()


def test_try_a_text_in_finnish(ctx: GuiContext, qtbot, finnish):
    page = PolicyPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.sample.setPlainText(f"Soita 040 123 4567, tunnus {HETU}")
    page.try_button.click()
    qtbot.waitUntil(lambda: page.try_button.isEnabled() and page.result.text() != "Tarkistetaan…")
    assert page.result.text().splitlines() == [
        "Linjaus huomauttaa 2 asiasta:",
        "Tarkista: ”040 123 4567” — Puhelinnumero: jaa vain omistajan luvalla",
        f"Korjaa: ”{HETU}” — Henkilötunnus: älä koskaan jaa",
    ]
