"""The services' errors in the windows: each known one raised for real, then said in English and in
Finnish (gui/messages.py); an error without a code keeps its own message."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from somedesk.app.services import Somedesk
from somedesk.core.drafts import PublicationState
from somedesk.core.errors import UserError
from somedesk.core.model import Network
from somedesk.core.posts import check_images, refuse_too_long
from somedesk.core.routine import Routine
from somedesk.gui.background import Background
from somedesk.gui.context import GuiContext
from somedesk.gui.messages import stored_reason, user_message
from somedesk.store.publishing import PublishingRecords

HELSINKI = ZoneInfo("Europe/Helsinki")
EVENING = datetime(2026, 12, 7, 19, 30, tzinfo=UTC)  # Mon 21:30 in Helsinki
YESTERDAY = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)  # Sun 10:00 in Helsinki


def raised(action: Callable[[], object]) -> UserError:
    with pytest.raises(UserError) as caught:
        action()
    return caught.value


def errors(app: Somedesk, empty_week: Somedesk) -> dict[str, UserError]:
    """One of each coded error, from the real services."""
    draft = app.add_draft("Hello", [Network.LINKEDIN])
    bare = app.add_draft("No network yet", [])
    busy = app.add_draft("Going out", [Network.SANDBOX])
    PublishingRecords(app.store).begin(busy.publications[0].id, app.clock(), os.getpid(), lambda _pid: True)
    nowhere = empty_week.add_draft("Nowhere to go", [Network.X])
    thread = app.add_draft("One.\n---\nTwo.", [Network.X])
    records = PublishingRecords(app.store)
    begun = records.begin(thread.publications[0].id, app.clock(), os.getpid(), lambda _pid: False)
    records.record_part(thread.publications[0].id, 0, "1", "https://x.com/me/status/1", app.clock(), "One.")
    records.finish(
        thread.publications[0].id, begun.attempt_id, PublicationState.FAILED, app.clock(), outcome="t"
    )
    return {
        "quiet-hours": raised(lambda: app.schedule_at(draft.id, EVENING)),
        "past-time": raised(lambda: app.schedule_at(draft.id, YESTERDAY)),
        "not-scheduled": raised(lambda: app.unschedule(draft.id)),
        "no-network": raised(lambda: app.schedule_next(bare.id)),
        "no-draft": raised(lambda: app.draft(999)),
        "publishing-now": raised(lambda: app.delete_draft(busy.id)),
        "no-free-moment": raised(lambda: empty_week.schedule_next(nowhere.id)),
        "too-long": raised(lambda: refuse_too_long(draft.id, "x" * 3001, Network.LINKEDIN)),
        "too-many-images": raised(lambda: check_images([("a.png", 10, "image/png")] * 5, Network.X)),
        "image-type": raised(lambda: check_images([("a.bmp", 10, "image/bmp")], Network.X)),
        "image-size": raised(lambda: check_images([("big.png", 6 * 1048576, "image/png")], Network.X)),
        "posted-parts": raised(lambda: app.edit_draft(thread.id, "Uno.\n---\nDos.")),
    }


ENGLISH = {
    "quiet-hours": "Mon 7 Dec 21:30 is in your quiet hours (19:00–07:00): pick a time outside them.",
    "past-time": "Sun 6 Dec 10:00 has already passed: pick a later time.",
    "not-scheduled": "This draft is not scheduled.",
    "no-network": "Choose a network for this draft first.",
    "no-draft": "This draft no longer exists: it was deleted elsewhere.",
    "publishing-now": "This draft is being published right now: try again in a moment.",
    "no-free-moment": "No free moment for X in the next 14 days within your targets: pick a time yourself.",
    "too-long": "Too long for LinkedIn: 3,001 of 3,000 characters.",
    "too-many-images": "X takes at most 4 images in a post.",
    "image-type": "a.bmp: X does not take this kind of image (GIF, JPEG, PNG, WEBP only).",
    "image-size": "big.png: 6.0 MB is over X's 5 MB for an image.",
    "posted-parts": (
        "Part 1 of this thread is already on X (https://x.com/me/status/1), so its words can no longer "
        "change. Post the rest as written, or start a new post with the new words."
    ),
}
FINNISH = {
    "quiet-hours": (
        "ma 7.12. 21.30 osuu hiljaisiin tunteihisi (19.00–7.00): valitse aika niiden ulkopuolelta."
    ),
    "past-time": "su 6.12. 10.00 on jo mennyt: valitse myöhäisempi aika.",
    "not-scheduled": "Tätä luonnosta ei ole ajastettu.",
    "no-network": "Valitse luonnokselle ensin palvelu.",
    "no-draft": "Tätä luonnosta ei enää ole: se poistettiin muualla.",
    "publishing-now": "Luonnosta julkaistaan juuri nyt: yritä hetken päästä uudelleen.",
    "no-free-moment": (
        "Palvelulle X ei löydy vapaata hetkeä seuraavan 14 päivän aikana tavoitteidesi puitteissa: "
        "valitse aika itse."
    ),
    # Finnish groups digits with a no-break space.
    "too-long": "Liian pitkä palveluun LinkedIn: 3\u00a0001/3\u00a0000 merkkiä.",
    "too-many-images": "X ottaa julkaisuun enintään 4 kuvaa.",
    "image-type": "a.bmp: X ei ota tällaista kuvaa (vain GIF, JPEG, PNG, WEBP).",
    "image-size": "big.png: 6,0 Mt ylittää palvelun X kuvakohtaisen rajan 5 Mt.",
    "posted-parts": (
        "Ketjun osa 1 on jo palvelussa X (https://x.com/me/status/1), joten sen sanoja ei voi enää "
        "muuttaa. Julkaise loput sellaisinaan tai aloita uusi julkaisu uusilla sanoilla."
    ),
}


@pytest.fixture
def raised_errors(ctx: GuiContext, make_app: Callable[..., Somedesk]) -> dict[str, UserError]:
    empty_week = make_app(routine=Routine(zone=HELSINKI, workdays=frozenset()))
    return errors(ctx.app, empty_week)


def test_every_coded_error_is_raised_with_its_code(raised_errors):
    assert {code: error.code for code, error in raised_errors.items()} == {code: code for code in ENGLISH}


def test_the_errors_in_english_speak_to_a_window_not_a_terminal(raised_errors):
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))  # numbers as an English desktop writes them, whatever runs this
    try:
        said = {code: user_message(error) for code, error in raised_errors.items()}
    finally:
        QLocale.setDefault(before)
    assert said == ENGLISH
    assert not any("--" in line or "somedesk " in line for line in said.values())


def test_the_errors_in_finnish(raised_errors, finnish):
    assert {code: user_message(error) for code, error in raised_errors.items()} == FINNISH


def test_an_error_without_a_code_keeps_its_message(finnish):
    assert user_message(UserError("the keyring is locked; unlock it and try again")) == (
        "the keyring is locked; unlock it and try again"
    )
    assert user_message(ValueError("not ours")) == "not ours"


def test_background_work_reports_a_refusal_in_the_persons_language(ctx, qtbot, finnish):
    draft = ctx.app.add_draft("Iltapostaus", [Network.LINKEDIN])
    worker = Background()
    said: list[str] = []
    with qtbot.waitSignal(worker.idle, timeout=5000):
        worker.run(lambda: ctx.app.schedule_at(draft.id, EVENING), lambda _items: None, said.append)
    assert said == [FINNISH["quiet-hours"]]


def test_a_post_that_needs_a_new_sign_in_says_where_to_do_it_in_finnish(ctx, finnish):
    draft = ctx.app.add_draft("Ilman tiliä", [Network.LINKEDIN])
    [publication] = ctx.app.publisher.publish_draft(draft.id)  # LinkedIn was never connected
    assert (publication.state, publication.reason_code) == (PublicationState.NEEDS_ATTENTION, "auth")
    assert stored_reason(publication, ctx.app.config.routine) == (
        "LinkedIn pyytää kirjautumaan uudelleen: yhdistä se kohdassa Asetukset → Tilit."
    )
    published = ctx.app.publisher.publish_draft(ctx.app.add_draft("Hiekkalaatikko", [Network.SANDBOX]).id)[0]
    assert published.reason_code is None


def test_a_rate_limited_post_says_when_it_goes_out_in_finnish(ctx, finnish):
    draft = ctx.app.add_draft("Odottaa", [Network.X])
    waiting = replace(
        draft.publications[0],
        state=PublicationState.SCHEDULED,
        scheduled_at=datetime(2026, 12, 7, 10, 15, tzinfo=UTC),
        reason="X asks us to wait until Mon 07 Dec 12:15; it goes out then",
        reason_code="rate-limited",
    )
    assert (
        stored_reason(waiting, ctx.app.config.routine)
        == "X pyysi odottamaan: julkaisu lähtee ma 7.12. 12.15."
    )
