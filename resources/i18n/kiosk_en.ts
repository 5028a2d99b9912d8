<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="100"/>
        <source>Health information you can read, hear, and take home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="101"/>
        <source>Touch to start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="112"/>
        <source>Choose a topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="113"/>
        <source>Tap a topic to read about it. You can also hear it read aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="114"/>
        <source>No topics are available right now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="48"/>
        <source>Are you still there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="49"/>
        <source>Yes, I am still here</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/overlay.py" line="69"/>
        <source>To keep your visit private, the screen will start over in %n second(s).</source>
        <translation>
            <numerusform>To keep your visit private, the screen will start over in %n second.</numerusform>
            <numerusform>To keep your visit private, the screen will start over in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../kiosk/labels.py" line="20"/>
        <source>Call 911 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="21"/>
        <source>Call your doctor today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="22"/>
        <source>Watch closely and call your doctor if</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="36"/>
        <source>What you can do at home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="41"/>
        <source>When to get help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="46"/>
        <source>Information current as of {date}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicScreen</name>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="81"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="82"/>
        <source>All topics</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
