<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi_FI">
<context>
    <name>AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation>Tilit</translation>
    </message>
    <message>
        <source>I have a team file…</source>
        <translation>Minulla on tiimitiedosto…</translation>
    </message>
    <message>
        <source>Sign-ins are kept in your system keyring, never in files. LinkedIn asks you to sign in again every 60 days; somedesk reminds you a week before.</source>
        <translation>Kirjautumiset säilytetään järjestelmän avainnipussa, ei koskaan tiedostoissa. LinkedIn pyytää kirjautumaan uudelleen 60 päivän välein; somedesk muistuttaa viikkoa ennen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>Kirjautumisosoite</translation>
    </message>
    <message>
        <source>Preparing the sign-in…</source>
        <translation>Valmistellaan kirjautumista…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopioi</translation>
    </message>
    <message>
        <source>If no browser opened, copy this address into one:</source>
        <translation>Jos selain ei auennut, kopioi tämä osoite selaimeen:</translation>
    </message>
    <message>
        <source>Your organisation: {name}</source>
        <translation>Organisaatiosi: {name}</translation>
    </message>
    <message>
        <source>Your communications team may have a team file that sets everything up.</source>
        <translation>Viestintätiimilläsi voi olla tiimitiedosto, joka tekee kaikki asetukset puolestasi.</translation>
    </message>
    <message>
        <source>Update from the team file</source>
        <translation>Päivitä tiimitiedostosta</translation>
    </message>
    <message>
        <source>Always connected</source>
        <translation>Aina yhdistetty</translation>
    </message>
    <message>
        <source>Posts go to outbox.jsonl in somedesk&apos;s data folder: try things safely.</source>
        <translation>Julkaisut tallentuvat somedeskin datakansioon tiedostoon outbox.jsonl: voit kokeilla turvallisesti.</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Ei yhdistetty</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Yhdistä…</translation>
    </message>
    <message>
        <source>{handle} — needs signing in again</source>
        <translation>{handle} — kirjaudu uudelleen</translation>
    </message>
    <message>
        <source>Scheduled posts wait until you reconnect.</source>
        <translation>Ajastetut julkaisut odottavat, kunnes yhdistät tilin uudelleen.</translation>
    </message>
    <message>
        <source>Reconnect…</source>
        <translation>Yhdistä uudelleen…</translation>
    </message>
    <message>
        <source>Connected as {handle}</source>
        <translation>Kirjautuneena: {handle}</translation>
    </message>
    <message>
        <source>Stays signed in: somedesk renews the sign-in itself.</source>
        <translation>Pysyy kirjautuneena: somedesk uusii kirjautumisen itse.</translation>
    </message>
    <message numerus="yes">
        <source>Signed in until {until} (%n days left)</source>
        <translation>
            <numerusform>Kirjautuneena {until} asti (%n päivä jäljellä)</numerusform>
            <numerusform>Kirjautuneena {until} asti (%n päivää jäljellä)</numerusform>
        </translation>
    </message>
    <message>
        <source>No {network} app is set up for you yet: join your organisation&apos;s team file, or enter your own app&apos;s client ID.</source>
        <translation>Palvelun {network} sovellusta ei ole vielä asetettu: ota käyttöön organisaatiosi tiimitiedosto tai anna oman sovelluksesi Client ID.</translation>
    </message>
    <message>
        <source>Waiting for the browser sign-in to {network}…</source>
        <translation>Odotetaan kirjautumista selaimessa ({network})…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Peruutetaan…</translation>
    </message>
    <message>
        <source>Connected {network} as {handle}.</source>
        <translation>{network} yhdistetty tilillä {handle}.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Kirjautuminen peruttiin.</translation>
    </message>
    <message>
        <source>Disconnect {network}</source>
        <translation>Katkaise yhteys: {network}</translation>
    </message>
    <message>
        <source>Disconnect {network}? Scheduled posts for it wait until you connect again.</source>
        <translation>Katkaistaanko yhteys palveluun {network}? Sen ajastetut julkaisut odottavat, kunnes yhdistät uudelleen.</translation>
    </message>
    <message>
        <source>Disconnecting {network}…</source>
        <translation>Katkaistaan yhteyttä palveluun {network}…</translation>
    </message>
    <message>
        <source>Disconnected {network}.</source>
        <translation>Yhteys palveluun {network} katkaistu.</translation>
    </message>
    <message>
        <source>Saved {network}&apos;s client ID.</source>
        <translation>Palvelun {network} Client ID tallennettu.</translation>
    </message>
    <message>
        <source>Join a team file</source>
        <translation>Ota tiimitiedosto käyttöön</translation>
    </message>
    <message>
        <source>The team file your communications team gave you: a file path or an https:// address</source>
        <translation>Viestintätiimiltä saamasi tiimitiedosto: tiedostopolku tai https://-osoite</translation>
    </message>
    <message>
        <source>A link asks somedesk to use the team file at {address}. It sets your policy, news feeds, Slack sharing and the LinkedIn and X apps; your own settings stay. Join it?</source>
        <translation>Linkki pyytää somedeskiä käyttämään tiimitiedostoa osoitteessa {address}. Se asettaa somelinjauksen, uutissyötteet, Slack-jaon sekä LinkedIn- ja X-sovellukset; omat asetuksesi säilyvät. Otetaanko se käyttöön?</translation>
    </message>
    <message>
        <source>Reading the team file…</source>
        <translation>Luetaan tiimitiedostoa…</translation>
    </message>
    <message>
        <source>your team</source>
        <translation>tiimisi</translation>
    </message>
    <message>
        <source>The team file of {name} has not changed.</source>
        <translation>Tiimitiedosto ({name}) ei ole muuttunut.</translation>
    </message>
    <message numerus="yes">
        <source>Set up by {name}: %n setting(s) changed.</source>
        <translation>
            <numerusform>Asetukset: {name}, %n asetus muuttui.</numerusform>
            <numerusform>Asetukset: {name}, %n asetusta muuttui.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept your own {key}.</source>
        <translation>Oma asetuksesi {key} säilytettiin.</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Something went wrong; the details are in somedesk&apos;s log.</source>
        <translation>Jokin meni pieleen; tiedot löytyvät somedeskin lokista.</translation>
    </message>
</context>
<context>
    <name>BrowserSignIn</name>
    <message>
        <source>Connect {network}</source>
        <translation>Yhdistä {network}</translation>
    </message>
    <message>
        <source>The sign-in failed; the details are in somedesk&apos;s log file.</source>
        <translation>Kirjautuminen epäonnistui; tiedot löytyvät somedeskin lokitiedostosta.</translation>
    </message>
</context>
<context>
    <name>CalendarExport</name>
    <message>
        <source>Export scheduled posts to a calendar file…</source>
        <translation>Vie ajastetut julkaisut kalenteritiedostoon…</translation>
    </message>
    <message>
        <source>Your posting moments in your own calendar app; they never make you look busy.</source>
        <translation>Julkaisuhetket omaan kalenterisovellukseesi; ne eivät koskaan näytä sinua varatulta.</translation>
    </message>
    <message>
        <source>Export scheduled posts</source>
        <translation>Vie ajastetut julkaisut</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Kalenteritiedostot (*.ics)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Viedään…</translation>
    </message>
    <message>
        <source>Exported one post to {path}</source>
        <translation>Vietiin yksi julkaisu tiedostoon {path}</translation>
    </message>
    <message>
        <source>Exported {count} posts to {path}</source>
        <translation>Vietiin {count} julkaisua tiedostoon {path}</translation>
    </message>
</context>
<context>
    <name>CalendarsPage</name>
    <message>
        <source>Calendars</source>
        <translation>Kalenterit</translation>
    </message>
    <message>
        <source>Calendars that say when you are busy</source>
        <translation>Kalenterit, joista näkyy, milloin olet varattu</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Lisää tiedosto…</translation>
    </message>
    <message>
        <source>Add address…</source>
        <translation>Lisää osoite…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>A calendar&apos;s private address works like a password: somedesk shows only its start, and keeps a copy so a failed download does not lose your busy time.</source>
        <translation>Kalenterin yksityinen osoite toimii kuin salasana: somedesk näyttää siitä vain alun ja pitää kalenterista kopion, jotta varatut aikasi eivät katoa, vaikka lataus epäonnistuisi.</translation>
    </message>
    <message>
        <source>Your addresses</source>
        <translation>Omat osoitteesi</translation>
    </message>
    <message>
        <source>Meetings you declined with these addresses count as free time.</source>
        <translation>Kokoukset, joihin olet vastannut näillä osoitteilla kieltävästi, lasketaan vapaaksi ajaksi.</translation>
    </message>
    <message>
        <source>Last read</source>
        <translation>Viimeksi luettu</translation>
    </message>
    <message>
        <source>Read calendars now</source>
        <translation>Lue kalenterit nyt</translation>
    </message>
    <message>
        <source>Add calendar files</source>
        <translation>Lisää kalenteritiedostoja</translation>
    </message>
    <message>
        <source>Calendars (*.ics *.ical *.ifb *.vcs);;All files (*)</source>
        <translation>Kalenterit (*.ics *.ical *.ifb *.vcs);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Apply to start using it.</source>
        <translation>Ota käyttöön valitsemalla Käytä.</translation>
    </message>
    <message>
        <source>Add a calendar address</source>
        <translation>Lisää kalenterin osoite</translation>
    </message>
    <message>
        <source>The calendar&apos;s private address (ICS), from your calendar&apos;s sharing settings:</source>
        <translation>Kalenterin yksityinen osoite (ICS) kalenterisi jakamisasetuksista:</translation>
    </message>
    <message>
        <source>That is not a calendar address: it should start with https:// or webcal://</source>
        <translation>Tämä ei ole kalenterin osoite: sen pitäisi alkaa https:// tai webcal://</translation>
    </message>
    <message>
        <source>No calendars: moments come from your routine alone.</source>
        <translation>Ei kalentereita: hetket tulevat pelkästä arkirytmistäsi.</translation>
    </message>
    <message>
        <source>Reading your calendars…</source>
        <translation>Luetaan kalentereitasi…</translation>
    </message>
    <message>
        <source>Read at {when}; some calendars could not be used:</source>
        <translation>Luettu {when}; osaa kalentereista ei voitu käyttää:</translation>
    </message>
    <message>
        <source>Read at {when}: every calendar is in use.</source>
        <translation>Luettu {when}: kaikki kalenterit ovat käytössä.</translation>
    </message>
</context>
<context>
    <name>ConfigPage</name>
    <message>
        <source>Revert</source>
        <translation>Palauta</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Käytä</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Ei muutoksia.</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Tallennettu: {path}</translation>
    </message>
</context>
<context>
    <name>Counters</name>
    <message>
        <source>Choose where to post below.</source>
        <translation>Valitse alta, minne julkaiset.</translation>
    </message>
    <message>
        <source>Show thread</source>
        <translation>Näytä ketju</translation>
    </message>
    <message>
        <source>Thread preview</source>
        <translation>Ketjun esikatselu</translation>
    </message>
    <message>
        <source>{network} {length} / {limit} · has a character X refuses</source>
        <translation>{network} {length} / {limit} · sisältää merkin, jota X ei hyväksy</translation>
    </message>
    <message numerus="yes">
        <source>{network} {length} / {limit} · {over} too many</source>
        <translation>
            <numerusform>{network} {length} / {limit} · {over} merkki liikaa</numerusform>
            <numerusform>{network} {length} / {limit} · {over} merkkiä liikaa</numerusform>
        </translation>
    </message>
    <message>
        <source>{network} {length} / {limit} → thread of {parts}</source>
        <translation>{network} {length} / {limit} → {parts} julkaisun ketju</translation>
    </message>
    <message>
        <source>{network} {length} / {limit}</source>
        <translation>{network} {length} / {limit}</translation>
    </message>
    <message>
        <source>{network} takes up to {limit} characters in one post.</source>
        <translation>{network}: enintään {limit} merkkiä yhteen julkaisuun.</translation>
    </message>
    <message>
        <source>A longer text goes out as a thread.</source>
        <translation>Pidempi teksti julkaistaan ketjuna.</translation>
    </message>
    <message>
        <source>Hide thread</source>
        <translation>Piilota ketju</translation>
    </message>
    <message>
        <source>{number}/{total}:</source>
        <translation>{number}/{total}:</translation>
    </message>
</context>
<context>
    <name>DayPlanEdit</name>
    <message>
        <source>Working</source>
        <translation>Töissä</translation>
    </message>
    <message>
        <source>Lunch break</source>
        <translation>Lounastauko</translation>
    </message>
    <message>
        <source>Add a commute</source>
        <translation>Lisää työmatka</translation>
    </message>
    <message>
        <source>Commute</source>
        <translation>Työmatka</translation>
    </message>
    <message>
        <source>Work hours</source>
        <translation>Työaika</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>Lounas</translation>
    </message>
    <message>
        <source>Commutes</source>
        <translation>Työmatkat</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <source>The post is empty: write something first.</source>
        <translation>Julkaisu on tyhjä: kirjoita ensin jotain.</translation>
    </message>
    <message>
        <source>Choose where to post: tick LinkedIn, X or the Sandbox.</source>
        <translation>Valitse, minne julkaiset: rastita LinkedIn, X tai Sandbox.</translation>
    </message>
    <message>
        <source>X refuses this text: it holds an invisible character (U+FEFF, U+FFFE or U+FFFF).</source>
        <translation>X ei hyväksy tätä tekstiä: siinä on näkymätön merkki (U+FEFF, U+FFFE tai U+FFFF).</translation>
    </message>
    <message>
        <source>Too long for {network}: {length} of {limit} characters. Shorten it.</source>
        <translation>Liian pitkä palveluun {network}: {length}/{limit} merkkiä. Lyhennä tekstiä.</translation>
    </message>
</context>
<context>
    <name>DraftsModel</name>
    <message>
        <source>No network yet</source>
        <translation>Ei palvelua vielä</translation>
    </message>
</context>
<context>
    <name>DraftsPanel</name>
    <message>
        <source>Drafts waiting</source>
        <translation>Odottavat luonnokset</translation>
    </message>
    <message>
        <source>No drafts waiting. Write one and it appears here.</source>
        <translation>Ei odottavia luonnoksia. Kirjoita uusi, niin se näkyy tässä.</translation>
    </message>
    <message>
        <source>Quick post…</source>
        <translation>Pikajulkaisu…</translation>
    </message>
    <message>
        <source>Drafts ({count}) — drag one onto the week</source>
        <translation>Luonnokset ({count}) — vedä viikolle</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Luonnokset</translation>
    </message>
</context>
<context>
    <name>EditDraftDialog</name>
    <message>
        <source>Edit post</source>
        <translation>Muokkaa julkaisua</translation>
    </message>
    <message>
        <source>Post text</source>
        <translation>Julkaisun teksti</translation>
    </message>
    <message>
        <source>Save again to keep it scheduled anyway.</source>
        <translation>Tallenna uudelleen, niin se pysyy ajastettuna silti.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong ({error}). somedesk keeps running; the details are in its log.</source>
        <translation>Jokin meni pieleen ({error}). somedesk toimii edelleen; tarkemmat tiedot ovat sen lokissa.</translation>
    </message>
    <message>
        <source>somedesk stopped unexpectedly last time. The report is in {path}</source>
        <translation>somedesk pysähtyi viime kerralla odottamatta. Raportti on tiedostossa {path}</translation>
    </message>
</context>
<context>
    <name>ExamplesButton</name>
    <message>
        <source>Examples</source>
        <translation>Esimerkit</translation>
    </message>
    <message>
        <source>Good posts from your organisation&apos;s social-media policy</source>
        <translation>Hyviä julkaisuja organisaatiosi somelinjauksesta</translation>
    </message>
</context>
<context>
    <name>ExamplesPopup</name>
    <message>
        <source>Examples from the policy</source>
        <translation>Esimerkit somelinjauksesta</translation>
    </message>
    <message>
        <source>Use as a start</source>
        <translation>Käytä pohjana</translation>
    </message>
    <message>
        <source>To start from an example, empty the text first.</source>
        <translation>Tyhjennä teksti ensin, jos haluat aloittaa esimerkistä.</translation>
    </message>
</context>
<context>
    <name>IdeaRow</name>
    <message>
        <source>Draft from this</source>
        <translation>Luonnos tästä</translation>
    </message>
    <message>
        <source>Draft from this: {title}</source>
        <translation>Luonnos tästä: {title}</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ohita</translation>
    </message>
    <message>
        <source>Dismiss: {title}</source>
        <translation>Ohita: {title}</translation>
    </message>
</context>
<context>
    <name>IdeasPanel</name>
    <message>
        <source>Ideas from your feeds</source>
        <translation>Ideoita syötteistäsi</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Päivitä</translation>
    </message>
    <message>
        <source>Refresh ideas</source>
        <translation>Päivitä ideat</translation>
    </message>
    <message>
        <source>Check your feeds for new items</source>
        <translation>Tarkista syötteistäsi uudet jutut</translation>
    </message>
    <message>
        <source>Feed problems</source>
        <translation>Syötteiden ongelmat</translation>
    </message>
    <message>
        <source>New ideas</source>
        <translation>Uudet ideat</translation>
    </message>
    <message>
        <source>Feed address (https://…)</source>
        <translation>Syötteen osoite (https://…)</translation>
    </message>
    <message>
        <source>Feed address</source>
        <translation>Syötteen osoite</translation>
    </message>
    <message>
        <source>Add feed…</source>
        <translation>Lisää syöte…</translation>
    </message>
    <message>
        <source>Add feed</source>
        <translation>Lisää syöte</translation>
    </message>
    <message>
        <source>Add feed result</source>
        <translation>Syötteen lisäämisen tulos</translation>
    </message>
    <message>
        <source>{problem} — showing what was fetched before</source>
        <translation>{problem} — näytetään aiemmin haetut</translation>
    </message>
    <message>
        <source>Follow your company&apos;s newsroom or blog: paste its feed address below.</source>
        <translation>Seuraa yrityksesi uutishuonetta tai blogia: liitä sen syötteen osoite alle.</translation>
    </message>
    <message>
        <source>No new ideas. Refresh to look again.</source>
        <translation>Ei uusia ideoita. Päivitä, niin katsotaan uudestaan.</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>{n} min sitten</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>{n} t sitten</translation>
    </message>
    <message>
        <source>{n} d ago</source>
        <translation>{n} pv sitten</translation>
    </message>
    <message>
        <source>Paste the address of an RSS or Atom feed first.</source>
        <translation>Liitä ensin RSS- tai Atom-syötteen osoite.</translation>
    </message>
    <message>
        <source>Checking the feed…</source>
        <translation>Tarkistetaan syötettä…</translation>
    </message>
    <message numerus="yes">
        <source>Following {feed}: %n idea(s).</source>
        <translation>
            <numerusform>Seurataan: {feed}, %n idea.</numerusform>
            <numerusform>Seurataan: {feed}, %n ideaa.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageStrip</name>
    <message>
        <source>Remove {name}</source>
        <translation>Poista {name}</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Järjestelmän mukaan</translation>
    </message>
    <message>
        <source>The new language is used when somedesk starts again.</source>
        <translation>Uusi kieli tulee käyttöön, kun somedesk käynnistetään uudelleen.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close message</source>
        <translation>Sulje viesti</translation>
    </message>
</context>
<context>
    <name>MomentLabel</name>
    <message>
        <source>Morning commute</source>
        <translation>Aamun työmatka</translation>
    </message>
    <message>
        <source>Evening commute</source>
        <translation>Kotimatka</translation>
    </message>
    <message>
        <source>Commute</source>
        <translation>Työmatka</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>Lounas</translation>
    </message>
    <message>
        <source>Before a meeting</source>
        <translation>Ennen kokousta</translation>
    </message>
    <message>
        <source>Before “{title}”</source>
        <translation>Ennen: ”{title}”</translation>
    </message>
    <message>
        <source>Chosen time</source>
        <translation>Valittu aika</translation>
    </message>
</context>
<context>
    <name>MomentPicker</name>
    <message>
        <source>Next moment</source>
        <translation>Seuraava hetki</translation>
    </message>
    <message>
        <source>Choose one of the next moments</source>
        <translation>Valitse jokin seuraavista hetkistä</translation>
    </message>
    <message>
        <source>{moment} · {day} {time}</source>
        <translation>{moment} · {day} klo {time}</translation>
    </message>
    <message>
        <source>Finding your next moments…</source>
        <translation>Etsitään seuraavia hetkiäsi…</translation>
    </message>
    <message>
        <source>Schedule it for {moment}.</source>
        <translation>Ajasta hetkeen {moment}.</translation>
    </message>
    <message>
        <source>No free moment in the next {days} days.</source>
        <translation>Ei vapaata hetkeä seuraavien {days} päivän aikana.</translation>
    </message>
</context>
<context>
    <name>NetworkBox</name>
    <message>
        <source>Connect…</source>
        <translation>Yhdistä…</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Katkaise yhteys</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Tallenna</translation>
    </message>
    <message>
        <source>Connect {network}…</source>
        <translation>Yhdistä {network}…</translation>
    </message>
    <message>
        <source>Disconnect {network}</source>
        <translation>Katkaise yhteys: {network}</translation>
    </message>
    <message>
        <source>{network}: your app&apos;s client ID</source>
        <translation>{network}: sovelluksesi Client ID</translation>
    </message>
    <message>
        <source>Save the {network} client ID</source>
        <translation>Tallenna palvelun {network} Client ID</translation>
    </message>
    <message>
        <source>Use your own app…</source>
        <translation>Käytä omaa sovellusta…</translation>
    </message>
    <message>
        <source>{network}: use your own app</source>
        <translation>{network}: käytä omaa sovellusta</translation>
    </message>
    <message>
        <source>Your app&apos;s client ID</source>
        <translation>Sovelluksesi Client ID</translation>
    </message>
    <message>
        <source>Its redirect address</source>
        <translation>Sen uudelleenohjausosoite</translation>
    </message>
</context>
<context>
    <name>NetworkToggles</name>
    <message>
        <source>Post to:</source>
        <translation>Julkaise:</translation>
    </message>
    <message>
        <source>The Sandbox keeps posts in a file on this computer: try things out safely.</source>
        <translation>Sandbox tallentaa julkaisut tiedostoon tällä tietokoneella: kokeile rauhassa.</translation>
    </message>
    <message>
        <source>Post to {network} as {handle}.</source>
        <translation>Julkaise palveluun {network} tilillä {handle}.</translation>
    </message>
    <message>
        <source>Post to {network}.</source>
        <translation>Julkaise palveluun {network}.</translation>
    </message>
    <message>
        <source>Reconnect {network} in Settings.</source>
        <translation>Yhdistä {network} uudelleen asetuksissa.</translation>
    </message>
    <message>
        <source>Connect {network} in Settings.</source>
        <translation>Yhdistä {network} asetuksissa.</translation>
    </message>
</context>
<context>
    <name>Notification</name>
    <message>
        <source>{days} d</source>
        <translation>{days} pv</translation>
    </message>
    <message>
        <source> {hours} h</source>
        <translation> {hours} t</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} t</translation>
    </message>
    <message>
        <source> {minutes} min</source>
        <translation> {minutes} min</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{moment}: your {network} post is ready</source>
        <translation>{moment}: {network}-julkaisusi on valmis</translation>
    </message>
    <message>
        <source>Your moment</source>
        <translation>Hetkesi</translation>
    </message>
    <message>
        <source>A {network} post missed its moment</source>
        <translation>{network}-julkaisu ohitti hetkensä</translation>
    </message>
    <message>
        <source>The moment ({when}) passed {late} ago, in your quiet hours ({quiet}).</source>
        <translation>Hetki ({when}) meni ohi {late} sitten hiljaisten tuntiesi aikana ({quiet}).</translation>
    </message>
    <message>
        <source>The moment ({when}) passed {late} ago: somedesk was not running or the computer slept, and then your quiet hours ({quiet}) began.</source>
        <translation>Hetki ({when}) meni ohi {late} sitten: somedesk ei ollut käynnissä tai tietokone oli lepotilassa, ja sitten alkoivat hiljaiset tuntisi ({quiet}).</translation>
    </message>
    <message>
        <source>The moment ({when}) passed {late} ago, while publishing was paused.</source>
        <translation>Hetki ({when}) meni ohi {late} sitten, kun julkaiseminen oli tauolla.</translation>
    </message>
    <message>
        <source>The moment ({when}) passed {late} ago: you did not answer the reminder at {asked}.</source>
        <translation>Hetki ({when}) meni ohi {late} sitten: et vastannut muistutukseen ({asked}).</translation>
    </message>
    <message>
        <source>The moment ({when}) passed {late} ago: somedesk was not running or the computer slept.</source>
        <translation>Hetki ({when}) meni ohi {late} sitten: somedesk ei ollut käynnissä tai tietokone oli lepotilassa.</translation>
    </message>
    <message>
        <source>Posts wait for {network}</source>
        <translation>Julkaisut odottavat palvelua {network}</translation>
    </message>
    <message>
        <source>Connect {network} again in Settings → Accounts, and they go out.</source>
        <translation>Yhdistä {network} uudelleen kohdassa Asetukset → Tilit, niin ne lähtevät.</translation>
    </message>
    <message>
        <source>Your {network} post was not published</source>
        <translation>{network}-julkaisuasi ei julkaistu</translation>
    </message>
    <message>
        <source>Time to answer comments</source>
        <translation>Aika vastata kommentteihin</translation>
    </message>
    <message>
        <source>Your LinkedIn post went out {minutes} minutes ago.</source>
        <translation>LinkedIn-julkaisusi lähti {minutes} minuuttia sitten.</translation>
    </message>
    <message>
        <source>Your {network} sign-in ends tomorrow</source>
        <translation>{network}-kirjautumisesi päättyy huomenna</translation>
    </message>
    <message>
        <source>Your {network} sign-in ends in {days} days</source>
        <translation>{network}-kirjautumisesi päättyy {days} päivän kuluttua</translation>
    </message>
    <message>
        <source>Connect {network} again in Settings → Accounts to keep posting.</source>
        <translation>Yhdistä {network} uudelleen kohdassa Asetukset → Tilit, niin voit jatkaa julkaisemista.</translation>
    </message>
    <message>
        <source>Post now</source>
        <translation>Julkaise nyt</translation>
    </message>
    <message>
        <source>Snooze 10 min</source>
        <translation>Torkku 10 min</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Ohita</translation>
    </message>
    <message>
        <source>Next moment</source>
        <translation>Seuraava hetki</translation>
    </message>
    <message>
        <source>Back to drafts</source>
        <translation>Takaisin luonnoksiin</translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <source>Your phone reminds you at the moments you are away from the desk, and takes over when this computer sleeps. It uses ntfy: install the ntfy app on your phone. The text of your scheduled posts goes to the server you choose here, and only there; run your own ntfy server to keep it in-house.</source>
        <translation>Puhelimesi muistuttaa hetkinä, jolloin olet poissa koneen ääreltä, ja ottaa tehtävän hoitaakseen, kun tämä tietokone nukkuu. Se käyttää ntfy:tä: asenna puhelimeesi ntfy-sovellus. Ajastettujen julkaisujesi teksti lähtee tässä valitsemallesi palvelimelle, eikä minnekään muualle; oma ntfy-palvelin pitää sen talon sisällä.</translation>
    </message>
    <message>
        <source>ntfy server</source>
        <translation>ntfy-palvelin</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Palvelin:</translation>
    </message>
    <message>
        <source>Leave empty for a private one</source>
        <translation>Jätä tyhjäksi, niin saat oman yksityisen</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Aihe</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>Aihe:</translation>
    </message>
    <message>
        <source>Only if your server asks for one</source>
        <translation>Vain jos palvelimesi vaatii sen</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Pääsytunnus</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Pääsytunnus:</translation>
    </message>
    <message>
        <source>Subscribe on your phone</source>
        <translation>Tilaa puhelimessa</translation>
    </message>
    <message>
        <source>Show the QR code and topic</source>
        <translation>Näytä QR-koodi ja aihe</translation>
    </message>
    <message>
        <source>QR code to subscribe in the ntfy app</source>
        <translation>QR-koodi tilaamiseen ntfy-sovelluksessa</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Phone state</source>
        <translation>Puhelimen tila</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>Ota käyttöön</translation>
    </message>
    <message>
        <source>Send a test</source>
        <translation>Lähetä koeviesti</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>Poista käytöstä</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Tallenna</translation>
    </message>
    <message>
        <source>Not set up.</source>
        <translation>Ei käytössä.</translation>
    </message>
    <message>
        <source>Reminders the server holds for you: {count}</source>
        <translation>Palvelimella odottavia muistutuksia: {count}</translation>
    </message>
    <message>
        <source>Not on the server yet: {count}</source>
        <translation>Vielä palvelimelle viemättä: {count}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>Viimeisin virhe: {error}</translation>
    </message>
    <message>
        <source>In the ntfy app: add a subscription, topic {topic}, on {server}. Ideas you publish to {inbox} become drafts here.</source>
        <translation>Lisää ntfy-sovelluksessa tilaus: aihe {topic} palvelimella {server}. Aiheeseen {inbox} julkaisemasi ideat tulevat tänne luonnoksiksi.</translation>
    </message>
    <message>
        <source>Setting up…</source>
        <translation>Otetaan käyttöön…</translation>
    </message>
    <message>
        <source>Your phone is set up. Scan the QR code with the ntfy app to subscribe.</source>
        <translation>Puhelin on käytössä. Tilaa skannaamalla QR-koodi ntfy-sovelluksella.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Lähetetään…</translation>
    </message>
    <message>
        <source>Sent a test message to your phone.</source>
        <translation>Koeviesti lähetettiin puhelimeesi.</translation>
    </message>
    <message>
        <source>Phone switched off: {count} reminders cancelled; topic and token removed.</source>
        <translation>Puhelin poistettu käytöstä: {count} muistutusta peruttu; aihe ja tunnus poistettu.</translation>
    </message>
</context>
<context>
    <name>PlannerActions</name>
    <message>
        <source>{time} is inside your quiet hours ({hours}); drop it outside the shaded hours.</source>
        <translation>{time} osuu hiljaisiin tunteihisi ({hours}); pudota julkaisu varjostettujen tuntien ulkopuolelle.</translation>
    </message>
    <message>
        <source>That post can no longer be moved.</source>
        <translation>Tätä julkaisua ei voi enää siirtää.</translation>
    </message>
    <message>
        <source>That draft is no longer waiting.</source>
        <translation>Tämä luonnos ei enää odota.</translation>
    </message>
    <message>
        <source>That draft is already scheduled everywhere it goes.</source>
        <translation>Luonnos on jo ajastettu kaikkiin valittuihin palveluihin.</translation>
    </message>
    <message>
        <source>Select a draft in the list first, then press Enter on a moment to schedule it there.</source>
        <translation>Valitse ensin luonnos luettelosta ja paina sitten Enter hetken kohdalla, niin se ajastetaan siihen.</translation>
    </message>
    <message>
        <source>Post it on</source>
        <translation>Julkaise palvelussa</translation>
    </message>
    <message>
        <source>Post on {network}</source>
        <translation>Julkaise: {network}</translation>
    </message>
    <message>
        <source>Scheduled on {networks} for {time}{moment}.</source>
        <translation>Ajastettu: {networks} {time}{moment}.</translation>
    </message>
    <message>
        <source>Drop it there again to schedule it anyway.</source>
        <translation>Pudota se sinne uudelleen, niin se ajastetaan silti.</translation>
    </message>
    <message>
        <source>Post now</source>
        <translation>Julkaise nyt</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Muokkaa…</translation>
    </message>
    <message>
        <source>Unschedule</source>
        <translation>Peru ajastus</translation>
    </message>
    <message>
        <source>Open the post on {network}</source>
        <translation>Avaa julkaisu: {network}</translation>
    </message>
    <message>
        <source>Choose Post now again to post it anyway.</source>
        <translation>Valitse Julkaise nyt uudelleen, niin se julkaistaan silti.</translation>
    </message>
    <message>
        <source>Posting on {networks} now…</source>
        <translation>Julkaistaan nyt: {networks}…</translation>
    </message>
    <message>
        <source>Unscheduled; it is back in your drafts.</source>
        <translation>Ajastus peruttu; julkaisu on taas luonnoksissasi.</translation>
    </message>
    <message>
        <source>The week is still loading; try again in a moment.</source>
        <translation>Viikkoa ladataan vielä; yritä hetken päästä uudelleen.</translation>
    </message>
    <message>
        <source>Nothing to propose: no draft is waiting for a network with room left this week, or no moment is left.</source>
        <translation>Ei ehdotettavaa: yksikään luonnos ei odota palvelua, jonka viikkotavoitteeseen mahtuu vielä, tai vapaita hetkiä ei ole jäljellä.</translation>
    </message>
    <message>
        <source>Proposals marked ⚠ have words the policy warns about: accepting one posts it anyway.</source>
        <translation>⚠-merkityissä ehdotuksissa on sanoja, joista käytäntö varoittaa: hyväksytty ehdotus julkaistaan silti.</translation>
    </message>
    <message numerus="yes">
        <source>Scheduled %n proposed post(s).</source>
        <translation>
            <numerusform>Ajastettiin %n ehdotettu julkaisu.</numerusform>
            <numerusform>Ajastettiin %n ehdotettua julkaisua.</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Hyväksy</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Hylkää</translation>
    </message>
    <message>
        <source>Why this moment</source>
        <translation>Miksi tämä hetki</translation>
    </message>
</context>
<context>
    <name>PlannerWindow</name>
    <message>
        <source>Planner — somedesk</source>
        <translation>Viikkosuunnitelma — somedesk</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Edellinen</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Tänään</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Seuraava ▶</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>Edellinen viikko</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Tämä viikko</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Seuraava viikko</translation>
    </message>
    <message>
        <source>Plan my week</source>
        <translation>Suunnittele viikkoni</translation>
    </message>
    <message>
        <source>Propose moments for your waiting drafts, within your targets</source>
        <translation>Ehdota hetkiä odottaville luonnoksillesi tavoitteidesi rajoissa</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Katsaus</translation>
    </message>
    <message>
        <source>A plain summary of the shown week</source>
        <translation>Selkeä yhteenveto näytetystä viikosta</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>Hyväksy kaikki</translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation>Hylkää kaikki</translation>
    </message>
    <message>
        <source>Week {number} · {first} – {last} {year}</source>
        <translation>Viikko {number} · {first} – {last}{year}</translation>
    </message>
    <message numerus="yes">
        <source>%n proposed post(s) for this week: accept or reject each with ✓ / ✕, or all at once.</source>
        <translation>
            <numerusform>%n ehdotettu julkaisu tälle viikolle: hyväksy se merkillä ✓ tai hylkää merkillä ✕.</numerusform>
            <numerusform>%n ehdotettua julkaisua tälle viikolle: hyväksy tai hylkää kukin merkeillä ✓ / ✕ tai kaikki kerralla.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanningText</name>
    <message numerus="yes">
        <source>{kind} moment, score {score} (audience {audience} at this hour, %n free minute(s) for replies)</source>
        <translation>
            <numerusform>Hetki: {kind}, pisteet {score} (yleisö tähän aikaan {audience}, %n vapaa minuutti vastaamiseen)</numerusform>
            <numerusform>Hetki: {kind}, pisteet {score} (yleisö tähän aikaan {audience}, %n vapaata minuuttia vastaamiseen)</numerusform>
        </translation>
    </message>
    <message>
        <source>cost +{amount}: {what}</source>
        <translation>kustannus +{amount}: {what}</translation>
    </message>
    <message>
        <source>passed over {moment}</source>
        <translation>ohitettu {moment}</translation>
    </message>
    <message>
        <source>commute</source>
        <comment>a moment&apos;s kind</comment>
        <translation>työmatka</translation>
    </message>
    <message>
        <source>lunch</source>
        <comment>a moment&apos;s kind</comment>
        <translation>lounas</translation>
    </message>
    <message>
        <source>before a meeting</source>
        <comment>a moment&apos;s kind</comment>
        <translation>ennen kokousta</translation>
    </message>
    <message>
        <source>{days} days of waiting</source>
        <translation>{days} päivää odotusta</translation>
    </message>
    <message>
        <source>{days} days from another {network} post (an even spread is {spacing})</source>
        <translation>{days} päivää toisesta {network}-julkaisusta (tasainen jako olisi {spacing})</translation>
    </message>
    <message>
        <source>{networks} already in this moment</source>
        <translation>{networks} jo tässä hetkessä</translation>
    </message>
    <message numerus="yes">
        <source>%n {kind} post(s) already that week</source>
        <translation>
            <numerusform>sillä viikolla jo %n julkaisu hetkessä {kind}</numerusform>
            <numerusform>sillä viikolla jo %n julkaisua hetkessä {kind}</numerusform>
        </translation>
    </message>
    <message>
        <source>{when} ({why})</source>
        <translation>{when} ({why})</translation>
    </message>
    <message>
        <source>{network} is already there</source>
        <translation>{network} on jo siinä</translation>
    </message>
    <message>
        <source>under {hours} h from another {network} post</source>
        <translation>alle {hours} h toisesta {network}-julkaisusta</translation>
    </message>
    <message numerus="yes">
        <source>{network} has its %n post(s) that week</source>
        <translation>
            <numerusform>{network}: sillä viikolla on jo %n julkaisu</numerusform>
            <numerusform>{network}: sillä viikolla on jo %n julkaisua</numerusform>
        </translation>
    </message>
    <message>
        <source>an older draft goes first</source>
        <translation>vanhempi luonnos menee ensin</translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message>
        <source>Policy</source>
        <translation>Somelinjaus</translation>
    </message>
    <message>
        <source>Your organisation&apos;s social-media policy</source>
        <translation>Organisaatiosi somelinjaus</translation>
    </message>
    <message>
        <source>Policy file or address</source>
        <translation>Linjaustiedosto tai -osoite</translation>
    </message>
    <message>
        <source>A file, or an https:// address (empty: the built-in checks only)</source>
        <translation>Tiedosto tai https://-osoite (tyhjä: vain sisäänrakennetut tarkistukset)</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Valitse tiedosto…</translation>
    </message>
    <message>
        <source>Check for personal data: e-mail addresses, phone numbers, personal identity codes, bank accounts, and words such as “confidential”</source>
        <translation>Tarkista henkilötiedot: sähköpostiosoitteet, puhelinnumerot, henkilötunnukset, tilinumerot ja sanat kuten ”luottamuksellinen”</translation>
    </message>
    <message>
        <source>Built-in checks for personal data</source>
        <translation>Sisäänrakennetut henkilötietojen tarkistukset</translation>
    </message>
    <message>
        <source>Try a text</source>
        <translation>Kokeile tekstiä</translation>
    </message>
    <message>
        <source>See what the policy above says about a text. Nothing is posted or kept.</source>
        <translation>Katso, mitä yllä oleva linjaus sanoo tekstistä. Mitään ei julkaista eikä tallenneta.</translation>
    </message>
    <message>
        <source>Text to try</source>
        <translation>Kokeiltava teksti</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Tarkista</translation>
    </message>
    <message>
        <source>Check the text against the policy</source>
        <translation>Tarkista teksti linjausta vasten</translation>
    </message>
    <message>
        <source>What the policy says</source>
        <translation>Mitä linjaus sanoo</translation>
    </message>
    <message>
        <source>Set by your organisation&apos;s team file; a value of your own replaces it.</source>
        <translation>Asetettu organisaatiosi tiimitiedostolla; oma arvosi korvaa sen.</translation>
    </message>
    <message>
        <source>Choose the policy file</source>
        <translation>Valitse linjaustiedosto</translation>
    </message>
    <message>
        <source>Policy files (*.toml);;All files (*)</source>
        <translation>Linjaustiedostot (*.toml);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Write or paste a text to try first.</source>
        <translation>Kirjoita tai liitä ensin kokeiltava teksti.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Tarkistetaan…</translation>
    </message>
    <message>
        <source>Nothing to fix or check: the policy has no objection to this text.</source>
        <translation>Ei korjattavaa eikä tarkistettavaa: linjaus hyväksyy tämän tekstin.</translation>
    </message>
    <message numerus="yes">
        <source>%n thing(s) the policy flags:</source>
        <translation>
            <numerusform>Linjaus huomauttaa %n asiasta:</numerusform>
            <numerusform>Linjaus huomauttaa %n asiasta:</numerusform>
        </translation>
    </message>
    <message>
        <source>Fix: “{words}” — {why}</source>
        <translation>Korjaa: ”{words}” — {why}</translation>
    </message>
    <message>
        <source>Check: “{words}” — {why}</source>
        <translation>Tarkista: ”{words}” — {why}</translation>
    </message>
</context>
<context>
    <name>PolicyText</name>
    <message>
        <source>An e-mail address: share one only if its owner agreed</source>
        <translation>Sähköpostiosoite: jaa vain omistajan luvalla</translation>
    </message>
    <message>
        <source>A phone number: share one only if its owner agreed</source>
        <translation>Puhelinnumero: jaa vain omistajan luvalla</translation>
    </message>
    <message>
        <source>A Finnish personal identity code: never share one</source>
        <translation>Henkilötunnus: älä koskaan jaa</translation>
    </message>
    <message>
        <source>A bank account number (IBAN): never share one in a post</source>
        <translation>Tilinumero (IBAN): älä koskaan jaa julkaisussa</translation>
    </message>
    <message>
        <source>Marked confidential or internal: share it only if it may be public</source>
        <translation>Merkitty luottamukselliseksi tai sisäiseksi: jaa vain, jos sen saa julkaista</translation>
    </message>
</context>
<context>
    <name>PolicyWatch</name>
    <message numerus="yes">
        <source>Policy: %n thing(s) to fix — {message}</source>
        <translation>
            <numerusform>Käytäntö: %n korjattava kohta — {message}</numerusform>
            <numerusform>Käytäntö: %n korjattavaa kohtaa — {message}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Policy: %n thing(s) to check — {message}</source>
        <translation>
            <numerusform>Käytäntö: %n tarkistettava kohta — {message}</numerusform>
            <numerusform>Käytäntö: %n tarkistettavaa kohtaa — {message}</numerusform>
        </translation>
    </message>
    <message>
        <source>Policy: {problem}</source>
        <translation>Käytäntö: {problem}</translation>
    </message>
    <message>
        <source>Highlighted: what the policy flags · wavy red line: a spelling to check</source>
        <translation>Korostettu: käytännön huomautus · punainen aaltoviiva: tarkista oikeinkirjoitus</translation>
    </message>
    <message>
        <source>Not sent: {message} Change the words highlighted in red first.</source>
        <translation>Ei lähetetty: {message} Muuta ensin punaisella korostetut sanat.</translation>
    </message>
</context>
<context>
    <name>PublishingPage</name>
    <message>
        <source>Publishing</source>
        <translation>Julkaiseminen</translation>
    </message>
    <message>
        <source>Publish at the moment</source>
        <translation>Julkaise automaattisesti</translation>
    </message>
    <message>
        <source>Remind me to post it</source>
        <translation>Muistuta minua julkaisemaan</translation>
    </message>
    <message>
        <source>When a post&apos;s moment comes</source>
        <translation>Kun julkaisun hetki koittaa</translation>
    </message>
    <message>
        <source>Usually</source>
        <translation>Yleensä</translation>
    </message>
    <message>
        <source>As usual</source>
        <translation>Kuten yleensä</translation>
    </message>
    <message>
        <source>After a sleep</source>
        <translation>Lepotilan jälkeen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Still publish when this late</source>
        <translation>Julkaise vielä, jos myöhässä enintään</translation>
    </message>
    <message>
        <source>A post whose moment passed longer ago than this waits for you in the Queue (missed): post it now, move it to the next moment, or keep it as a draft.</source>
        <translation>Julkaisu, jonka hetki meni ohi tätä aiemmin, odottaa sinua julkaisujonossa (myöhästyi): julkaise se nyt, siirrä se seuraavaan hetkeen tai pidä se luonnoksena.</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Kommentit</translation>
    </message>
    <message>
        <source>Remind me to answer comments on LinkedIn</source>
        <translation>Muistuta vastaamaan LinkedIn-kommentteihin</translation>
    </message>
    <message>
        <source>Minutes after the post</source>
        <translation>Minuuttia julkaisun jälkeen</translation>
    </message>
    <message>
        <source>Start-up</source>
        <translation>Käynnistys</translation>
    </message>
    <message>
        <source>Start somedesk when I log in</source>
        <translation>Käynnistä somedesk, kun kirjaudun sisään</translation>
    </message>
    <message>
        <source>Moments are only published or reminded of while somedesk is running.</source>
        <translation>Hetkiin julkaistaan tai niistä muistutetaan vain, kun somedesk on käynnissä.</translation>
    </message>
    <message>
        <source>Show somedesk in the applications menu</source>
        <translation>Näytä somedesk sovellusvalikossa</translation>
    </message>
    <message>
        <source>Adds its entry and icon for you alone; nothing is installed system-wide.</source>
        <translation>Lisää kuvakkeen ja valikkokohdan vain sinulle; mitään ei asenneta koko järjestelmään.</translation>
    </message>
    <message>
        <source>Your calendar</source>
        <translation>Oma kalenteri</translation>
    </message>
    <message>
        <source>somedesk will start when you log in.</source>
        <translation>somedesk käynnistyy, kun kirjaudut sisään.</translation>
    </message>
    <message>
        <source>somedesk will no longer start when you log in.</source>
        <translation>somedesk ei enää käynnisty, kun kirjaudut sisään.</translation>
    </message>
    <message>
        <source>somedesk is now in your applications menu.</source>
        <translation>somedesk on nyt sovellusvalikossasi.</translation>
    </message>
    <message>
        <source>somedesk is no longer in your applications menu.</source>
        <translation>somedesk ei ole enää sovellusvalikossasi.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>ddd d MMM</source>
        <comment>date format: Mon 7 Dec</comment>
        <translation>ddd d.M.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Milloin</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Palvelu</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>Hetki</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Teksti</translation>
    </message>
    <message>
        <source>Reason / address</source>
        <translation>Syy / osoite</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Luonnos</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Ajastettu</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Julkaistaan…</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Julkaistu</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Epäonnistui</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Myöhästyi</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Vaatii huomiota</translation>
    </message>
    <message>
        <source>no network yet</source>
        <translation>ei palvelua vielä</translation>
    </message>
    <message>
        <source>Sent to your phone</source>
        <translation>Lähetetty puhelimeesi</translation>
    </message>
    <message>
        <source>The computer was away at its moment; your phone reminded you.</source>
        <translation>Tietokone ei ollut paikalla hetken tullessa; puhelimesi muistutti sinua.</translation>
    </message>
    <message>
        <source>The policy blocks words in this post: it will not go out as it is.</source>
        <translation>Käytäntö estää tämän julkaisun sanoja: se ei lähde sellaisenaan.</translation>
    </message>
    <message>
        <source>The policy warns about words in this post.</source>
        <translation>Käytäntö varoittaa tämän julkaisun sanoista.</translation>
    </message>
    <message>
        <source>The policy warns about words in this post; you chose to post it anyway.</source>
        <translation>Käytäntö varoittaa tämän julkaisun sanoista; valitsit julkaista sen silti.</translation>
    </message>
</context>
<context>
    <name>QueueWindow</name>
    <message>
        <source>Queue — somedesk</source>
        <translation>Julkaisujono — somedesk</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Näytä</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Julkaisut</translation>
    </message>
    <message>
        <source>Selected post</source>
        <translation>Valittu julkaisu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Avaa</translation>
    </message>
    <message>
        <source>I posted it</source>
        <translation>Julkaisin sen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Muokkaa…</translation>
    </message>
    <message>
        <source>Post now</source>
        <translation>Julkaise nyt</translation>
    </message>
    <message>
        <source>Move to next moment</source>
        <translation>Siirrä seuraavaan hetkeen</translation>
    </message>
    <message>
        <source>Back to drafts</source>
        <translation>Takaisin luonnoksiin</translation>
    </message>
    <message>
        <source>Delete draft…</source>
        <translation>Poista luonnos…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Kaikki</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Luonnokset</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Ajastetut</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Julkaistut</translation>
    </message>
    <message>
        <source>Needs a decision ({count})</source>
        <translation>Odottaa päätöstä ({count})</translation>
    </message>
    <message>
        <source>Needs a decision</source>
        <translation>Odottaa päätöstä</translation>
    </message>
    <message>
        <source>Nothing here yet. Write a draft with Quick post from the tray.</source>
        <translation>Täällä ei ole vielä mitään. Kirjoita luonnos ilmoitusalueen Pikajulkaisulla.</translation>
    </message>
    <message>
        <source>No drafts waiting.</source>
        <translation>Ei odottavia luonnoksia.</translation>
    </message>
    <message>
        <source>Nothing is scheduled. Pick a moment in the planner.</source>
        <translation>Mitään ei ole ajastettu. Valitse hetki viikkosuunnitelmasta.</translation>
    </message>
    <message>
        <source>Nothing published yet.</source>
        <translation>Mitään ei ole vielä julkaistu.</translation>
    </message>
    <message>
        <source>Nothing needs a decision.</source>
        <translation>Mikään ei odota päätöstä.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Yritä uudelleen</translation>
    </message>
    <message>
        <source>Retry would fail again: connect {network} in Settings → Accounts first.</source>
        <translation>Uusi yritys epäonnistuisi taas: yhdistä ensin {network} kohdassa Asetukset → Tilit.</translation>
    </message>
    <message>
        <source>Checking the text against the policy…</source>
        <translation>Tarkistetaan tekstiä käytäntöä vasten…</translation>
    </message>
    <message>
        <source>Retry would be refused again: the policy blocks this text. Edit it first.</source>
        <translation>Uusi yritys estettäisiin taas: käytäntö estää tämän tekstin. Muokkaa sitä ensin.</translation>
    </message>
    <message>
        <source>no network yet</source>
        <translation>ei palvelua vielä</translation>
    </message>
    <message>
        <source>Sent to your phone</source>
        <translation>Lähetetty puhelimeesi</translation>
    </message>
    <message>
        <source>The computer was away at its moment; your phone reminded you.</source>
        <translation>Tietokone ei ollut paikalla hetken tullessa; puhelimesi muistutti sinua.</translation>
    </message>
    <message>
        <source>Why: {reason}</source>
        <translation>Syy: {reason}</translation>
    </message>
    <message>
        <source>No browser could be opened; the address is: {url}</source>
        <translation>Selainta ei voitu avata; osoite on: {url}</translation>
    </message>
    <message>
        <source>Press {button} again to post it anyway.</source>
        <translation>Paina {button} uudelleen, niin se julkaistaan silti.</translation>
    </message>
    <message>
        <source>Saved the new text.</source>
        <translation>Uusi teksti tallennettu.</translation>
    </message>
    <message>
        <source>Publishing on {networks}…</source>
        <translation>Julkaistaan: {networks}…</translation>
    </message>
    <message>
        <source>Marked as posted from your phone.</source>
        <translation>Merkitty puhelimesta julkaistuksi.</translation>
    </message>
    <message>
        <source>Press Move to next moment again to schedule it anyway.</source>
        <translation>Paina Siirrä seuraavaan hetkeen uudelleen, niin se ajastetaan silti.</translation>
    </message>
    <message>
        <source>Finding the next moment…</source>
        <translation>Etsitään seuraavaa hetkeä…</translation>
    </message>
    <message>
        <source>Scheduled: {items}</source>
        <translation>Ajastettu: {items}</translation>
    </message>
    <message>
        <source>Back in the drafts.</source>
        <translation>Palautettu luonnoksiin.</translation>
    </message>
    <message>
        <source>Delete this draft and its schedule on every network?</source>
        <translation>Poistetaanko luonnos ja sen ajastukset kaikissa palveluissa?</translation>
    </message>
    <message>
        <source>What is already published stays online; somedesk forgets it.</source>
        <translation>Jo julkaistu pysyy verkossa; somedesk vain unohtaa sen.</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Poista luonnos</translation>
    </message>
    <message>
        <source>Draft deleted.</source>
        <translation>Luonnos poistettu.</translation>
    </message>
</context>
<context>
    <name>QuickPostWindow</name>
    <message>
        <source>Quick post</source>
        <translation>Pikajulkaisu</translation>
    </message>
    <message>
        <source>What would you like to share? (On X, a line with just --- starts the next post.)</source>
        <translation>Mitä haluat jakaa? (X:ssä rivi, jolla on pelkkä ---, aloittaa seuraavan julkaisun.)</translation>
    </message>
    <message>
        <source>Post text</source>
        <translation>Julkaisun teksti</translation>
    </message>
    <message>
        <source>Networks to post to</source>
        <translation>Palvelut, joihin julkaistaan</translation>
    </message>
    <message>
        <source>Attach image…</source>
        <translation>Liitä kuva…</translation>
    </message>
    <message>
        <source>Attached images</source>
        <translation>Liitetyt kuvat</translation>
    </message>
    <message>
        <source>Post now</source>
        <translation>Julkaise nyt</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Tallenna luonnos</translation>
    </message>
    <message>
        <source>Not connected: {networks}.</source>
        <translation>Ei yhdistetty: {networks}.</translation>
    </message>
    <message>
        <source>Needs signing in again: {networks}.</source>
        <translation>Vaatii uuden kirjautumisen: {networks}.</translation>
    </message>
    <message>
        <source>Open Settings → Accounts</source>
        <translation>Avaa Asetukset → Tilit</translation>
    </message>
    <message>
        <source>Ctrl+Enter schedules it for {moment}. Esc closes; your text is kept.</source>
        <translation>Ctrl+Enter ajastaa hetkeen {moment}. Esc sulkee; tekstisi säilyy.</translation>
    </message>
    <message>
        <source>Ctrl+Enter schedules it for your next moment. Esc closes; your text is kept.</source>
        <translation>Ctrl+Enter ajastaa seuraavaan hetkeesi. Esc sulkee; tekstisi säilyy.</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves it as a draft. Esc closes; your text is kept.</source>
        <translation>Ctrl+Enter tallentaa luonnoksen. Esc sulkee; tekstisi säilyy.</translation>
    </message>
    <message>
        <source>Tip: {tip}</source>
        <translation>Vinkki: {tip}</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>Liitä kuvia</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>Kuvat (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>Post anyway? Press Post now again to post it.</source>
        <translation>Julkaistaanko silti? Julkaise painamalla uudelleen Julkaise nyt.</translation>
    </message>
    <message>
        <source>Posting to {networks}…</source>
        <translation>Julkaistaan: {networks}…</translation>
    </message>
    <message>
        <source>That moment has passed: choose another one.</source>
        <translation>Hetki on jo ohi: valitse toinen.</translation>
    </message>
    <message>
        <source>Schedule it anyway? Press Next moment again to schedule it.</source>
        <translation>Ajastetaanko silti? Ajasta painamalla uudelleen Seuraava hetki.</translation>
    </message>
    <message>
        <source>Scheduling it for {moment}…</source>
        <translation>Ajastetaan hetkeen {moment}…</translation>
    </message>
    <message>
        <source>Scheduled for {day} {time} ({moment})</source>
        <translation>Ajastettu: {day} klo {time} ({moment})</translation>
    </message>
    <message>
        <source>The post is empty: write something first.</source>
        <translation>Julkaisu on tyhjä: kirjoita ensin jotain.</translation>
    </message>
    <message>
        <source>Saved as a draft: it waits in the planner.</source>
        <translation>Tallennettu luonnokseksi: se odottaa viikkosuunnitelmassa.</translation>
    </message>
    <message>
        <source>Not posted to {network}: {reason}</source>
        <translation>Ei julkaistu palveluun {network}: {reason}</translation>
    </message>
    <message>
        <source>Posted to {networks}.</source>
        <translation>Julkaistu: {networks}.</translation>
    </message>
    <message>
        <source>Quick post kept your text as a draft, without its images: {reason}</source>
        <translation>Pikajulkaisu tallensi tekstisi luonnokseksi ilman kuvia: {reason}</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Week in review</source>
        <translation>Viikon katsaus</translation>
    </message>
    <message>
        <source>This week so far</source>
        <translation>Tämä viikko tähän mennessä</translation>
    </message>
    <message>
        <source>That week</source>
        <translation>Valittu viikko</translation>
    </message>
    <message>
        <source>Reading the week…</source>
        <translation>Luetaan viikkoa…</translation>
    </message>
    <message>
        <source>No posts.</source>
        <translation>Ei julkaisuja.</translation>
    </message>
    <message>
        <source>You posted in {used} of {total} moments.</source>
        <translation>Julkaisit {used} hetkessä {total} hetkestä.</translation>
    </message>
    <message>
        <source>Missed: {count} — they wait in the Queue.</source>
        <translation>Väliin jääneitä: {count} – ne odottavat jonossa.</translation>
    </message>
    <message>
        <source>Nothing missed.</source>
        <translation>Mitään ei jäänyt väliin.</translation>
    </message>
    <message>
        <source>Posts with a reply reminder: {count}</source>
        <translation>Julkaisuja, joista tuli muistutus vastata: {count}</translation>
    </message>
    <message>
        <source>No reply reminders.</source>
        <translation>Ei muistutuksia vastata.</translation>
    </message>
    <message>
        <source>{network}: {posted} posted</source>
        <translation>{network}: {posted} julkaistu</translation>
    </message>
    <message>
        <source>{network}: {posted} of {target} posted</source>
        <translation>{network}: {posted}/{target} julkaistu</translation>
    </message>
    <message>
        <source>({count} more scheduled)</source>
        <translation>(lisäksi {count} ajastettu)</translation>
    </message>
</context>
<context>
    <name>RhythmBar</name>
    <message>
        <source>{network} {done} of {target} this week</source>
        <translation>{network} {done}/{target} tällä viikolla</translation>
    </message>
    <message>
        <source>{network} {done} of {target} that week</source>
        <translation>{network} {done}/{target} sillä viikolla</translation>
    </message>
    <message numerus="yes">
        <source>(%n over)</source>
        <translation>
            <numerusform>(%n yli)</numerusform>
            <numerusform>(%n yli)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(+%n proposed)</source>
        <translation>
            <numerusform>(+%n ehdotettu)</numerusform>
            <numerusform>(+%n ehdotettua)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoutinePage</name>
    <message>
        <source>Routine</source>
        <translation>Arkirytmi</translation>
    </message>
    <message>
        <source>Your week</source>
        <translation>Viikkosi</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Aikavyöhyke</translation>
    </message>
    <message>
        <source>Workdays</source>
        <translation>Työpäivät</translation>
    </message>
    <message>
        <source>Evenings off</source>
        <translation>Illat vapaana</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Hiljaiset tunnit</translation>
    </message>
    <message>
        <source>Nothing is suggested or posted in quiet hours; they may wrap past midnight.</source>
        <translation>Hiljaisina tunteina mitään ei ehdoteta eikä julkaista; ne voivat jatkua yli puolenyön.</translation>
    </message>
    <message>
        <source>A usual workday</source>
        <translation>Tavallinen työpäivä</translation>
    </message>
    <message>
        <source>Days that differ</source>
        <translation>Poikkeavat päivät</translation>
    </message>
    <message>
        <source>Weekday that differs</source>
        <translation>Poikkeava viikonpäivä</translation>
    </message>
    <message>
        <source>differs from a usual workday</source>
        <translation>poikkeaa tavallisesta työpäivästä</translation>
    </message>
    <message>
        <source>Moments</source>
        <translation>Hetket</translation>
    </message>
    <message>
        <source>Before a meeting</source>
        <translation>Ennen kokousta</translation>
    </message>
    <message>
        <source>Shortest moment worth suggesting</source>
        <translation>Lyhin ehdotettava hetki</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings — somedesk</source>
        <translation>Asetukset — somedesk</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Asetussivut</translation>
    </message>
</context>
<context>
    <name>SharePage</name>
    <message>
        <source>Share to Slack</source>
        <translation>Jako Slackiin</translation>
    </message>
    <message>
        <source>Share the link of each post I publish to the team&apos;s Slack channel</source>
        <translation>Jaa julkaisemieni päivitysten linkki tiimin Slack-kanavalle</translation>
    </message>
    <message>
        <source>Quick post can switch it off for one post.</source>
        <translation>Pikajulkaisussa jaon voi ohittaa yksittäiseltä julkaisulta.</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>Viesti</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>Viestipohja</translation>
    </message>
    <message>
        <source>{network} becomes LinkedIn or X, {first_line} the post&apos;s first line, {url} its address.</source>
        <translation>{network} on LinkedIn tai X, {first_line} julkaisun ensimmäinen rivi ja {url} sen osoite.</translation>
    </message>
    <message>
        <source>The team&apos;s webhook</source>
        <translation>Tiimin webhook</translation>
    </message>
    <message>
        <source>Set…</source>
        <translation>Aseta…</translation>
    </message>
    <message>
        <source>Set the webhook address</source>
        <translation>Aseta webhook-osoite</translation>
    </message>
    <message>
        <source>Send a test</source>
        <translation>Lähetä testi</translation>
    </message>
    <message>
        <source>Send a test message to the channel</source>
        <translation>Lähetä testiviesti kanavalle</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>Remove the webhook address</source>
        <translation>Poista webhook-osoite</translation>
    </message>
    <message>
        <source>The address of a Slack incoming webhook works like a password: it is kept in your system keyring and never shown.</source>
        <translation>Slackin saapuvan webhookin osoite toimii kuin salasana: se säilytetään järjestelmän avainnipussa eikä sitä näytetä.</translation>
    </message>
    <message>
        <source>The message: {problem}</source>
        <translation>Viesti: {problem}</translation>
    </message>
    <message>
        <source>Looking in your keyring…</source>
        <translation>Katsotaan avainnipusta…</translation>
    </message>
    <message>
        <source>A webhook address is kept in your keyring.</source>
        <translation>Webhook-osoite on tallessa avainnipussasi.</translation>
    </message>
    <message>
        <source>No webhook yet: ask your team for the channel&apos;s incoming-webhook address.</source>
        <translation>Ei vielä webhookia: pyydä tiimiltäsi kanavan saapuvan webhookin osoite.</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Vaihda…</translation>
    </message>
    <message>
        <source>The Slack incoming-webhook address (https://hooks.slack.com/services/…):</source>
        <translation>Slackin saapuvan webhookin osoite (https://hooks.slack.com/services/…):</translation>
    </message>
    <message>
        <source>That is not a webhook address: paste the whole https://hooks.slack.com/services/… address from your Slack app&apos;s Incoming Webhooks page.</source>
        <translation>Tämä ei ole webhook-osoite: liitä koko https://hooks.slack.com/services/…-osoite Slack-sovelluksesi Incoming Webhooks -sivulta.</translation>
    </message>
    <message>
        <source>Keeping it in your keyring…</source>
        <translation>Tallennetaan avainnippuun…</translation>
    </message>
    <message>
        <source>Kept the webhook address in your keyring.</source>
        <translation>Webhook-osoite tallennettiin avainnippuun.</translation>
    </message>
    <message>
        <source>Removing it from your keyring…</source>
        <translation>Poistetaan avainnipusta…</translation>
    </message>
    <message>
        <source>Removed the webhook address from your keyring.</source>
        <translation>Webhook-osoite poistettiin avainnipusta.</translation>
    </message>
    <message>
        <source>Sending a test message…</source>
        <translation>Lähetetään testiviestiä…</translation>
    </message>
    <message>
        <source>Sent a test message: look for it in the channel.</source>
        <translation>Testiviesti lähetetty: katso kanavalta.</translation>
    </message>
    <message>
        <source>The test message was not sent ({reason}).</source>
        <translation>Testiviestiä ei lähetetty ({reason}).</translation>
    </message>
</context>
<context>
    <name>ShareToggle</name>
    <message>
        <source>Share to the team on Slack</source>
        <translation>Jaa tiimille Slackiin</translation>
    </message>
    <message>
        <source>Once it is published, post its link to your team&apos;s Slack channel.</source>
        <translation>Kun julkaisu on julkaistu, sen linkki lähetetään tiimisi Slack-kanavalle.</translation>
    </message>
</context>
<context>
    <name>SpellCheck</name>
    <message>
        <source>No suggestions</source>
        <translation>Ei ehdotuksia</translation>
    </message>
    <message>
        <source>Add “{word}” to my words</source>
        <translation>Lisää ”{word}” omiin sanoihin</translation>
    </message>
    <message>
        <source>Spelling language</source>
        <translation>Oikoluvun kieli</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>Tunnista automaattisesti</translation>
    </message>
    <message>
        <source>Could not keep the word in my words: {reason}</source>
        <translation>Sanaa ei voitu lisätä omiin sanoihin: {reason}</translation>
    </message>
</context>
<context>
    <name>SpellingPage</name>
    <message>
        <source>Spelling</source>
        <translation>Oikeinkirjoitus</translation>
    </message>
    <message>
        <source>Underline misspelt words in Quick post</source>
        <translation>Alleviivaa väärin kirjoitetut sanat Pikajulkaisussa</translation>
    </message>
    <message>
        <source>Spell check</source>
        <translation>Oikoluku</translation>
    </message>
    <message>
        <source>Dictionaries</source>
        <translation>Sanakirjat</translation>
    </message>
    <message>
        <source>Looking for dictionaries…</source>
        <translation>Etsitään sanakirjoja…</translation>
    </message>
    <message>
        <source>Dictionaries found</source>
        <translation>Löydetyt sanakirjat</translation>
    </message>
    <message>
        <source>My words</source>
        <translation>Omat sanat</translation>
    </message>
    <message>
        <source>Words you added from Quick post&apos;s menu; they count as spelled right in every language.</source>
        <translation>Sanat, jotka lisäsit Pikajulkaisun valikosta; ne hyväksytään oikein kirjoitetuiksi kaikilla kielillä.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>Remove the selected words from my words</source>
        <translation>Poista valitut sanat omista sanoista</translation>
    </message>
    <message>
        <source>Found: {names}</source>
        <translation>Löytyi: {names}</translation>
    </message>
    <message>
        <source>Spell check is unavailable: the Enchant library is missing. On Debian or Ubuntu, install libenchant-2-2 and hunspell-en-us, and voikko-fi libenchant-2-voikko for Finnish.</source>
        <translation>Oikoluku ei ole käytettävissä: Enchant-kirjasto puuttuu. Asenna Debianissa tai Ubuntussa libenchant-2-2 ja hunspell-en-us sekä suomea varten voikko-fi ja libenchant-2-voikko.</translation>
    </message>
    <message>
        <source>Spell check is unavailable: no English or Finnish dictionary is installed. On Debian or Ubuntu, install hunspell-en-us for English, and voikko-fi libenchant-2-voikko for Finnish.</source>
        <translation>Oikoluku ei ole käytettävissä: englannin tai suomen sanakirjaa ei ole asennettu. Asenna Debianissa tai Ubuntussa englantia varten hunspell-en-us ja suomea varten voikko-fi ja libenchant-2-voikko.</translation>
    </message>
    <message>
        <source>Could not change my words: {reason}</source>
        <translation>Omia sanoja ei voitu muuttaa: {reason}</translation>
    </message>
    <message>
        <source>Removed “{word}” from my words.</source>
        <translation>”{word}” poistettiin omista sanoista.</translation>
    </message>
    <message>
        <source>Removed {count} words from my words.</source>
        <translation>{count} sanaa poistettiin omista sanoista.</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>Targets</source>
        <translation>Tavoitteet</translation>
    </message>
    <message>
        <source> posts a week</source>
        <translation> julkaisua viikossa</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> tuntia</translation>
    </message>
    <message>
        <source>Aim for</source>
        <translation>Tavoite</translation>
    </message>
    <message>
        <source>At least this long between posts</source>
        <translation>Julkaisujen väli vähintään</translation>
    </message>
    <message>
        <source>{network}: posts a week to aim for</source>
        <translation>{network}: tavoiteltu julkaisumäärä viikossa</translation>
    </message>
    <message>
        <source>{network}: least time between posts</source>
        <translation>{network}: lyhin aika julkaisujen välillä</translation>
    </message>
    <message>
        <source>“Next moment” picks times that keep to these; you can always schedule a post at a time you choose.</source>
        <translation>”Seuraava hetki” valitsee ajat näiden mukaan; voit aina ajastaa julkaisun myös itse valitsemaasi aikaan.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Next: looking…</source>
        <translation>Seuraava: haetaan…</translation>
    </message>
    <message>
        <source>Quick post…</source>
        <translation>Pikajulkaisu…</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>Viikkosuunnitelma</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Julkaisujono</translation>
    </message>
    <message>
        <source>Pause publishing</source>
        <translation>Keskeytä julkaisu</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Tunniksi</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Huomiseen asti</translation>
    </message>
    <message>
        <source>Until I resume</source>
        <translation>Kunnes jatkan</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Jatka julkaisua</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Asetukset</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Lopeta</translation>
    </message>
    <message>
        <source>No moment in the next 7 days</source>
        <translation>Ei hetkiä seuraavien 7 päivän aikana</translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} {day}{time} · %n draft(s) ready</source>
        <translation>
            <numerusform>Seuraava: {label} {day}klo {time} · %n luonnos valmiina</numerusform>
            <numerusform>Seuraava: {label} {day}klo {time} · %n luonnosta valmiina</numerusform>
        </translation>
    </message>
    <message>
        <source>{line} — click to undo</source>
        <translation>{line} — peru napsauttamalla</translation>
    </message>
</context>
<context>
    <name>UserMessage</name>
    <message>
        <source>an e-mail address</source>
        <translation>sähköpostiosoite</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>puhelinnumero</translation>
    </message>
    <message>
        <source>a Finnish personal identity code</source>
        <translation>suomalainen henkilötunnus</translation>
    </message>
    <message>
        <source>a bank account number (IBAN)</source>
        <translation>pankkitilin numero (IBAN)</translation>
    </message>
    <message>
        <source>a word marking it confidential or internal</source>
        <translation>sana, joka merkitsee sen luottamukselliseksi tai sisäiseksi</translation>
    </message>
    <message>
        <source>words of rule “{rule}”</source>
        <translation>säännön ”{rule}” sanoja</translation>
    </message>
    <message>
        <source>{what} at line {line}, column {column} ({message})</source>
        <translation>{what} rivillä {line}, sarakkeessa {column} ({message})</translation>
    </message>
    <message>
        <source>{network}: {count} of {limit} this week.</source>
        <translation>{network}: {count}/{limit} tällä viikolla.</translation>
    </message>
    <message>
        <source>{network}: {hours} h from another {network} post (your gap is {limit} h).</source>
        <translation>{network}: {hours} h toisesta {network}-julkaisusta (välisi on {limit} h).</translation>
    </message>
    <message>
        <source>{when} has already passed: pick a later time.</source>
        <translation>{when} on jo mennyt: valitse myöhäisempi aika.</translation>
    </message>
    <message>
        <source>{when} is in your quiet hours ({quiet}): pick a time outside them.</source>
        <translation>{when} osuu hiljaisiin tunteihisi ({quiet}): valitse aika niiden ulkopuolelta.</translation>
    </message>
    <message>
        <source>No free moment for {network} in the next {days} days within your targets: pick a time yourself.</source>
        <translation>Palvelulle {network} ei löydy vapaata hetkeä seuraavan {days} päivän aikana tavoitteidesi puitteissa: valitse aika itse.</translation>
    </message>
    <message>
        <source>The policy blocks {findings}: change those words first.</source>
        <translation>Käytäntö estää: {findings}. Muuta ne sanat ensin.</translation>
    </message>
    <message>
        <source>The policy warns about {findings}.</source>
        <translation>Käytäntö varoittaa: {findings}.</translation>
    </message>
    <message>
        <source>This draft is not scheduled.</source>
        <translation>Tätä luonnosta ei ole ajastettu.</translation>
    </message>
    <message>
        <source>Too long for {network}: {length} of {limit} characters.</source>
        <translation>Liian pitkä palveluun {network}: {length}/{limit} merkkiä.</translation>
    </message>
    <message>
        <source>{network} takes at most {count} images in a post.</source>
        <translation>{network} ottaa julkaisuun enintään {count} kuvaa.</translation>
    </message>
    <message>
        <source>{name}: {network} does not take this kind of image ({allowed} only).</source>
        <translation>{name}: {network} ei ota tällaista kuvaa (vain {allowed}).</translation>
    </message>
    <message>
        <source>{name}: {size} MB is over {network}&apos;s {limit} MB for an image.</source>
        <translation>{name}: {size} Mt ylittää palvelun {network} kuvakohtaisen rajan {limit} Mt.</translation>
    </message>
    <message>
        <source>This draft is being published right now: try again in a moment.</source>
        <translation>Luonnosta julkaistaan juuri nyt: yritä hetken päästä uudelleen.</translation>
    </message>
    <message>
        <source>Choose a network for this draft first.</source>
        <translation>Valitse luonnokselle ensin palvelu.</translation>
    </message>
    <message>
        <source>This draft no longer exists: it was deleted elsewhere.</source>
        <translation>Tätä luonnosta ei enää ole: se poistettiin muualla.</translation>
    </message>
    <message>
        <source>This post may already be on {network} (its answer was lost), so its words can no longer change. Post it as written, or start a new post with the new words.</source>
        <translation>Tämä julkaisu saattaa olla jo palvelussa {network} (vastaus siihen katosi), joten sen sanoja ei voi enää muuttaa. Julkaise se sellaisenaan tai aloita uusi julkaisu uusilla sanoilla.</translation>
    </message>
    <message>
        <source>This post is already on {network} ({url}), so its words can no longer change. Post it as written, or start a new post with the new words.</source>
        <translation>Tämä julkaisu on jo palvelussa {network} ({url}), joten sen sanoja ei voi enää muuttaa. Julkaise se sellaisenaan tai aloita uusi julkaisu uusilla sanoilla.</translation>
    </message>
    <message>
        <source>Part 1 of this thread is already on {network} ({url}), so its words can no longer change. Post the rest as written, or start a new post with the new words.</source>
        <translation>Ketjun osa 1 on jo palvelussa {network} ({url}), joten sen sanoja ei voi enää muuttaa. Julkaise loput sellaisinaan tai aloita uusi julkaisu uusilla sanoilla.</translation>
    </message>
    <message>
        <source>Parts 1–{last} of this thread are already on {network} ({url}), so their words can no longer change. Post the rest as written, or start a new post with the new words.</source>
        <translation>Ketjun osat 1–{last} ovat jo palvelussa {network} ({url}), joten niiden sanoja ei voi enää muuttaa. Julkaise loput sellaisinaan tai aloita uusi julkaisu uusilla sanoilla.</translation>
    </message>
    <message>
        <source>No usable keyring keeps your sign-ins safe: on Linux, install and unlock gnome-keyring (or KWallet) in your desktop session, then try again.</source>
        <translation>Kirjautumisiasi ei voi säilyttää turvallisesti, koska käytettävää avainnippua ei ole: asenna ja avaa Linuxissa gnome-keyring (tai KWallet) työpöytäistunnossasi ja yritä uudelleen.</translation>
    </message>
    <message>
        <source>Your keyring is locked: unlock it (for example by logging in again), then try again.</source>
        <translation>Avainnippusi on lukittu: avaa se (esimerkiksi kirjautumalla uudelleen) ja yritä uudelleen.</translation>
    </message>
    <message>
        <source>{network} needs you to sign in again: connect it in Settings → Accounts.</source>
        <translation>{network} pyytää kirjautumaan uudelleen: yhdistä se kohdassa Asetukset → Tilit.</translation>
    </message>
    <message>
        <source>Its moment ({when}) went by while somedesk was not running or the computer slept.</source>
        <translation>Sen hetki ({when}) meni ohi, kun somedesk ei ollut käynnissä tai tietokone oli lepotilassa.</translation>
    </message>
    <message>
        <source>Its moment ({when}) was in your quiet hours ({quiet}).</source>
        <translation>Sen hetki ({when}) osui hiljaisiin tunteihisi ({quiet}).</translation>
    </message>
    <message>
        <source>Its moment ({when}) went by while somedesk was not running or the computer slept, and then your quiet hours ({quiet}) began.</source>
        <translation>Sen hetki ({when}) meni ohi, kun somedesk ei ollut käynnissä tai tietokone oli lepotilassa, ja sitten alkoivat hiljaiset tuntisi ({quiet}).</translation>
    </message>
    <message>
        <source>Its moment ({when}) went by: you did not answer its reminder.</source>
        <translation>Sen hetki ({when}) meni ohi: et vastannut sen muistutukseen.</translation>
    </message>
    <message>
        <source>Its moment ({when}) went by while publishing was paused.</source>
        <translation>Sen hetki ({when}) meni ohi, kun julkaiseminen oli tauolla.</translation>
    </message>
    <message>
        <source>{network} asked us to wait: it goes out at {when}.</source>
        <translation>{network} pyysi odottamaan: julkaisu lähtee {when}.</translation>
    </message>
</context>
<context>
    <name>WeekFocus</name>
    <message>
        <source>Week</source>
        <translation>Viikko</translation>
    </message>
    <message>
        <source>Arrow keys move between moments and posts: Left and Right change the day, Up and Down move within it. Enter edits a post or schedules the selected draft at a moment; the Menu key shows a post&apos;s actions; Delete unschedules it.</source>
        <translation>Nuolinäppäimet siirtyvät hetkestä ja julkaisusta toiseen: vasen ja oikea vaihtavat päivää, ylös ja alas liikkuvat päivän sisällä. Enter muokkaa julkaisua tai ajastaa valitun luonnoksen hetkeen; valikkonäppäin näyttää julkaisun toiminnot; Delete peruu ajastuksen.</translation>
    </message>
    <message>
        <source>{networks} post, {when}, {state}: {words}</source>
        <translation>Julkaisu ({networks}), {when}, {state}: {words}</translation>
    </message>
    <message>
        <source>Proposed {network} post, {when}, {moment}: {words}</source>
        <translation>Ehdotettu julkaisu ({network}), {when}, {moment}: {words}</translation>
    </message>
    <message>
        <source>More posts here: {count}</source>
        <translation>Lisää julkaisuja tässä: {count}</translation>
    </message>
    <message>
        <source>{moment} moment, {when}–{end}</source>
        <translation>Hetki: {moment}, {when}–{end}</translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message>
        <source>Proposed</source>
        <translation>Ehdotettu</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Ajastettu</translation>
    </message>
    <message>
        <source>Posting…</source>
        <translation>Julkaistaan…</translation>
    </message>
    <message>
        <source>✓ Published</source>
        <translation>✓ Julkaistu</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Epäonnistui</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Myöhästyi</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Vaatii huomiota</translation>
    </message>
    <message>
        <source>Proposed for {network} at {time} ({moment}). ✓ accepts, ✕ rejects.</source>
        <translation>Ehdotus: {network} {time} ({moment}). ✓ hyväksyy, ✕ hylkää.</translation>
    </message>
    <message>
        <source>In your calendar: {titles}</source>
        <translation>Kalenterissasi: {titles}</translation>
    </message>
    <message numerus="yes">
        <source>%n more proposed</source>
        <translation>
            <numerusform>ja %n ehdotus</numerusform>
            <numerusform>ja %n ehdotusta</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <source>{day} {time}</source>
        <comment>a day and a time of day</comment>
        <translation>{day} klo {time}</translation>
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <source>Welcome — somedesk</source>
        <translation>Tervetuloa — somedesk</translation>
    </message>
    <message>
        <source>Welcome to somedesk</source>
        <translation>Tervetuloa somedeskiin</translation>
    </message>
    <message>
        <source>somedesk finds the small free moments of your week — the commute, the walk to lunch, the minutes before a meeting — and posts what you wrote then, or reminds you.</source>
        <translation>somedesk löytää viikkosi pienet vapaat hetket — työmatkan, lounaalle kävelyn, minuutit ennen kokousta — ja julkaisee kirjoittamasi silloin tai muistuttaa sinua.</translation>
    </message>
    <message>
        <source>I have a team file…</source>
        <translation>Minulla on tiimitiedosto…</translation>
    </message>
    <message>
        <source>Your communications team&apos;s file sets up the policy, news feeds, Slack and the apps.</source>
        <translation>Viestintätiimisi tiedosto asettaa somelinjauksen, uutissyötteet, Slackin ja sovellukset.</translation>
    </message>
    <message>
        <source>Your week…</source>
        <translation>Viikkosi…</translation>
    </message>
    <message>
        <source>Work hours, lunch and commutes: when a moment to post can come.</source>
        <translation>Työaika, lounas ja työmatkat: milloin julkaisuhetki voi tulla.</translation>
    </message>
    <message>
        <source>Your calendar…</source>
        <translation>Kalenterisi…</translation>
    </message>
    <message>
        <source>So meetings are busy time, and the minutes before them a moment.</source>
        <translation>Jotta kokoukset ovat varattua aikaa ja niitä edeltävät minuutit hetkiä.</translation>
    </message>
    <message>
        <source>Your accounts…</source>
        <translation>Tilisi…</translation>
    </message>
    <message>
        <source>Connect LinkedIn and X — or try everything with the Sandbox first: nothing leaves your computer.</source>
        <translation>Yhdistä LinkedIn ja X — tai kokeile ensin kaikkea Sandboxilla: mitään ei lähde koneeltasi.</translation>
    </message>
    <message>
        <source>Open my week</source>
        <translation>Avaa viikkoni</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Myöhemmin</translation>
    </message>
    <message>
        <source>Join a team file</source>
        <translation>Ota tiimitiedosto käyttöön</translation>
    </message>
    <message>
        <source>The team file your communications team gave you: a file path or an https:// address</source>
        <translation>Viestintätiimiltä saamasi tiimitiedosto: tiedostopolku tai https://-osoite</translation>
    </message>
    <message>
        <source>Reading the team file…</source>
        <translation>Luetaan tiimitiedostoa…</translation>
    </message>
    <message>
        <source>your team</source>
        <translation>tiimisi</translation>
    </message>
    <message>
        <source>You are set up by {name}. Connect your accounts to start posting.</source>
        <translation>Asetukset tehty: {name}. Yhdistä tilisi, niin voit alkaa julkaista.</translation>
    </message>
</context>
<context>
    <name>WindowEdit</name>
    <message>
        <source>{what} start</source>
        <translation>{what}: alku</translation>
    </message>
    <message>
        <source>{what} end</source>
        <translation>{what}: loppu</translation>
    </message>
</context>
<context>
    <name>WindowListEdit</name>
    <message>
        <source>None</source>
        <translation>Ei yhtään</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
</context>
</TS>
