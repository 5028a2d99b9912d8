<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="105"/>
        <source>Health information you can read, hear, and take home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="106"/>
        <source>Touch to start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoutScreen</name>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="57"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="58"/>
        <source>Print this page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="59"/>
        <source>Your page to take home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="64"/>
        <source>Preview of the page to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="76"/>
        <source>Check the page, then tap Print this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="80"/>
        <source>Sending your page to the printer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="85"/>
        <source>Your page is printing. Please pick it up at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="91"/>
        <source>The printer is not working right now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="97"/>
        <source>You have printed all the pages you can for now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="123"/>
        <source>Choose a topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="124"/>
        <source>Tap a topic to read about it. You can also hear it read aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="125"/>
        <source>No topics are available right now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="50"/>
        <source>Are you still there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="51"/>
        <source>Yes, I am still here</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/overlay.py" line="72"/>
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
        <location filename="../../kiosk/labels.py" line="19"/>
        <source>Call 911 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="20"/>
        <source>Call your doctor today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="21"/>
        <source>Watch closely and call your doctor if</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="35"/>
        <source>What you can do at home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="40"/>
        <source>When to get help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="45"/>
        <source>Information current as of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="53"/>
        <source>Learn more (scan the code or type):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="54"/>
        <source>This page does not replace advice from your own doctor or nurse.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NarrationBar</name>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="67"/>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="68"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="69"/>
        <source>Previous sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="70"/>
        <source>Next sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="71"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="72"/>
        <source>Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="73"/>
        <source>Softer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="74"/>
        <source>Louder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="83"/>
        <source>Listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="84"/>
        <location filename="../../kiosk/ui/narration_bar.py" line="85"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="86"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="95"/>
        <source>Tap Listen to hear this page read aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="96"/>
        <source>Getting ready to read…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="98"/>
        <source>Reading aloud. The words being read are marked in yellow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="100"/>
        <source>Paused. Tap Resume to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="109"/>
        <source>Reading aloud is not available right now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="113"/>
        <source>Sorry, this page could not be read aloud just now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicScreen</name>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="264"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="265"/>
        <source>All topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="266"/>
        <source>Print a summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
