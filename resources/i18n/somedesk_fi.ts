<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi_FI">
<context>
    <name>AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-ins are kept in your system keyring, never in files. LinkedIn asks you to sign in again every 60 days; somedesk reminds you a week before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the sign-in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If no browser opened, copy this address into one:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts go to outbox.jsonl in somedesk&apos;s data folder: try things safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{handle} — needs signing in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled posts wait until you reconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected as {handle}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stays signed in: somedesk renews the sign-in itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Signed in until {until} (%n days left)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for the browser sign-in to {network}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected {network} as {handle}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect {network}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect {network}? Scheduled posts for it wait until you connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnecting {network}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected {network}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {network}&apos;s client ID.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Something went wrong; the details are in somedesk&apos;s log file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowserSignIn</name>
    <message>
        <source>Connect {network}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in failed; the details are in somedesk&apos;s log file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarsPage</name>
    <message>
        <source>Calendars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendars that say when you are busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A calendar&apos;s private address works like a password: somedesk shows only its start, and keeps a copy so a failed download does not lose your busy time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meetings you declined with these addresses count as free time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read calendars now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add calendar files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendars (*.ics *.ical *.ifb *.vcs);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to start using it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a calendar address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calendar&apos;s private address (ICS), from your calendar&apos;s sharing settings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a calendar address: it should start with https:// or webcal://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calendars: moments come from your routine alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading your calendars…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read at {when}; some calendars could not be used:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read at {when}: every calendar is in use.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigPage</name>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Counters</name>
    <message>
        <source>Choose where to post below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{network} {length} / {limit} · has a character X refuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{network} {length} / {limit} · {over} too many</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{network} {length} / {limit} → thread of {parts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{network} {length} / {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{network} takes up to {limit} characters in one post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A longer text goes out as a thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number}/{total}:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayPlanEdit</name>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lunch break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a commute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commutes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <source>The post is empty: write something first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to post: tick LinkedIn, X or the Sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X refuses this text: it holds an invisible character (U+FEFF, U+FFFE or U+FFFF).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long for {network}: {length} of {limit} characters. Shorten it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftsPanel</name>
    <message>
        <source>Drafts waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No drafts waiting. Write one and it appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts ({count}) — drag one onto the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditDraftDialog</name>
    <message>
        <source>Edit post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageStrip</name>
    <message>
        <source>Remove {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language is used when somedesk starts again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MomentLabel</name>
    <message>
        <source>Morning commute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evening commute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before a meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before “{title}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MomentPicker</name>
    <message>
        <source>Next moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of the next moments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{moment} · {day} {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding your next moments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule it for {moment}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free moment in the next {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkBox</name>
    <message>
        <source>Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your app&apos;s client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its redirect address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkToggles</name>
    <message>
        <source>Post to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Sandbox keeps posts in a file on this computer: try things out safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post to {network} as {handle}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post to {network}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect {network} in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect {network} in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlannerActions</name>
    <message>
        <source>{time} is inside your quiet hours ({hours}); drop it outside the shaded hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That post can no longer be moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That draft is no longer waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That draft is already scheduled everywhere it goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post it on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post on {network}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled on {networks} for {time}{moment}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unschedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the post on {network}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posting on {networks} now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unscheduled; it is back in your drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The week is still loading; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to propose: no draft is waiting for a network with room left this week, or no moment is left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scheduled %n proposed post(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlannerWindow</name>
    <message>
        <source>Planner — somedesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan my week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Propose moments for your waiting drafts, within your targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week {number} · {first} – {last} {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n proposed post(s) for this week: accept or reject each with ✓ / ✕, or all at once.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishingPage</name>
    <message>
        <source>Publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish at the moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me to post it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a post&apos;s moment comes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As usual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a sleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still publish when this late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A post whose moment passed longer ago than this waits for you in the Queue (missed): post it now, move it to the next moment, or keep it as a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me to answer comments on LinkedIn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes after the post</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>ddd d MMM</source>
        <comment>date format: Mon 7 Dec</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason / address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no network yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueWindow</name>
    <message>
        <source>Queue — somedesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to next moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs a decision ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here yet. Write a draft with Quick post from the tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No drafts waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is scheduled. Pick a moment in the planner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing published yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing needs a decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no network yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened; the address is: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing on {networks}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the next moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled: {items}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back in the drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this draft and its schedule on every network?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is already published stays online; somedesk forgets it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong; the details are in somedesk&apos;s log file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickPostWindow</name>
    <message>
        <source>Quick post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would you like to share? (On X, a line with just --- starts the next post.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter schedules it for {moment}. Esc closes; your text is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter schedules it for your next moment. Esc closes; your text is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter saves it as a draft. Esc closes; your text is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posting to {networks}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That moment has passed: choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduling it for {moment}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The post is empty: write something first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not posted to {network}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posted to {networks}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick post kept your text as a draft, without its images: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RhythmBar</name>
    <message>
        <source>{network} {done} of {target} this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{network} {done} of {target} that week</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(+%n proposed)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoutinePage</name>
    <message>
        <source>Routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evenings off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is suggested or posted in quiet hours; they may wrap past midnight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A usual workday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days that differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>differs from a usual workday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before a meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortest moment worth suggesting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings — somedesk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> posts a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aim for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least this long between posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Next moment” picks times that keep to these; you can always schedule a post at a time you choose.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Next: looking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until I resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No moment in the next 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Next: {label} {day}{time} · %n draft(s) ready</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message>
        <source>Week planner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed for {network} at {time} ({moment}). ✓ accepts, ✕ rejects.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <source>{day} {time}</source>
        <comment>a day and a time of day</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowListEdit</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Something went wrong; the details are in somedesk&apos;s log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
