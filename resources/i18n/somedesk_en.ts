<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountsPage</name>
    <message numerus="yes">
        <source>Signed in until {until} (%n days left)</source>
        <translation>
            <numerusform>Signed in until {until} (%n day left)</numerusform>
            <numerusform>Signed in until {until} (%n days left)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set up by {name}: %n setting(s) changed.</source>
        <translation>
            <numerusform>Set up by {name}: %n setting changed.</numerusform>
            <numerusform>Set up by {name}: %n settings changed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counters</name>
    <message numerus="yes">
        <source>{network} {length} / {limit} · {over} too many</source>
        <translation>
            <numerusform>{network} {length} / {limit} · {over} too many</numerusform>
            <numerusform>{network} {length} / {limit} · {over} too many</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdeasPanel</name>
    <message numerus="yes">
        <source>Following {feed}: %n idea(s).</source>
        <translation>
            <numerusform>Following {feed}: %n idea.</numerusform>
            <numerusform>Following {feed}: %n ideas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlannerActions</name>
    <message numerus="yes">
        <source>Scheduled %n proposed post(s).</source>
        <translation>
            <numerusform>Scheduled %n proposed post.</numerusform>
            <numerusform>Scheduled %n proposed posts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlannerWindow</name>
    <message numerus="yes">
        <source>%n proposed post(s) for this week: accept or reject each with ✓ / ✕, or all at once.</source>
        <translation>
            <numerusform>%n proposed post for this week: accept or reject it with ✓ / ✕.</numerusform>
            <numerusform>%n proposed posts for this week: accept or reject each with ✓ / ✕, or all at once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanningText</name>
    <message numerus="yes">
        <source>{kind} moment, score {score} (audience {audience} at this hour, %n free minute(s) for replies)</source>
        <translation>
            <numerusform>{kind} moment, score {score} (audience {audience} at this hour, %n free minute for replies)</numerusform>
            <numerusform>{kind} moment, score {score} (audience {audience} at this hour, %n free minutes for replies)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n {kind} post(s) already that week</source>
        <translation>
            <numerusform>%n {kind} post already that week</numerusform>
            <numerusform>%n {kind} posts already that week</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{network} has its %n post(s) that week</source>
        <translation>
            <numerusform>{network} has its %n post that week</numerusform>
            <numerusform>{network} has its %n posts that week</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message numerus="yes">
        <source>%n thing(s) the policy flags:</source>
        <translation>
            <numerusform>%n thing the policy flags:</numerusform>
            <numerusform>%n things the policy flags:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicyWatch</name>
    <message numerus="yes">
        <source>Policy: %n thing(s) to fix — {message}</source>
        <translation>
            <numerusform>Policy: %n thing to fix — {message}</numerusform>
            <numerusform>Policy: %n things to fix — {message}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Policy: %n thing(s) to check — {message}</source>
        <translation>
            <numerusform>Policy: %n thing to check — {message}</numerusform>
            <numerusform>Policy: %n things to check — {message}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RhythmBar</name>
    <message numerus="yes">
        <source>(%n over)</source>
        <translation>
            <numerusform>(%n over)</numerusform>
            <numerusform>(%n over)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(+%n proposed)</source>
        <translation>
            <numerusform>(+%n proposed)</numerusform>
            <numerusform>(+%n proposed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <source>Next: {label} {day}{time} · %n draft(s) ready</source>
        <translation>
            <numerusform>Next: {label} {day}{time} · %n draft ready</numerusform>
            <numerusform>Next: {label} {day}{time} · %n drafts ready</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message numerus="yes">
        <source>%n more proposed</source>
        <translation>
            <numerusform>%n more proposed</numerusform>
            <numerusform>%n more proposed</numerusform>
        </translation>
    </message>
</context>
</TS>
