<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="122"/>
        <source>Health information you can read, hear, and take home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="123"/>
        <source>Touch to start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodyOutline</name>
    <message>
        <location filename="../../kiosk/ui/body.py" line="60"/>
        <source>Touch where it hurts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComfortControls</name>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="139"/>
        <source>Text size: normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="140"/>
        <source>Text size: large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="141"/>
        <source>Text size: largest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="145"/>
        <source>Contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="147"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="150"/>
        <source>Audio guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="157"/>
        <source>Choose a language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DarkScreen</name>
    <message>
        <location filename="../../kiosk/ui/dark.py" line="23"/>
        <location filename="../../kiosk/ui/dark.py" line="27"/>
        <source>The kiosk is resting. Touch the screen to start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="25"/>
        <source>chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="27"/>
        <source>not chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="31"/>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="33"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="36"/>
        <source>not available now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="42"/>
        <source>Use the arrow keys to move. Press Enter to choose. Press Escape to go back. On a topic or the page to print, press Space to listen or pause. Press plus or minus to change the volume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="71"/>
        <source>Choose a topic. There are {count} topics in {groups} groups. After the groups, you can choose a topic by its first letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="81"/>
        <source>{name}. There is 1 topic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="82"/>
        <source>{name}. There are {count} topics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="96"/>
        <source>Your page to take home. Choose Print this page to print it. Press Space to hear it read aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="52"/>
        <source>Audio guide on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="57"/>
        <source>Audio guide off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="63"/>
        <source>Choose a topic. There is 1 topic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="64"/>
        <source>Choose a topic. There are {count} topics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="89"/>
        <source>{title}. Press Space to hear it read aloud.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoutScreen</name>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="79"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="80"/>
        <source>Print this page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="81"/>
        <source>Your page to take home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="84"/>
        <source>Reads the page to print aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="93"/>
        <source>Preview of the page to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="125"/>
        <source>Check the page, then tap Print this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="126"/>
        <source>Sending your page to the printer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="128"/>
        <source>Your page is printing. Please pick it up at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="132"/>
        <source>The printer is not working right now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="137"/>
        <source>You have printed all the pages you can for now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="48"/>
        <source>Only in English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="49"/>
        <source>Only in Spanish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="50"/>
        <source>Only in Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="52"/>
        <source>Only in {language}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="148"/>
        <source>1 topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="149"/>
        <source>{count} topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="176"/>
        <location filename="../../kiosk/ui/home.py" line="376"/>
        <source>Topics that start with a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="178"/>
        <location filename="../../kiosk/ui/home.py" line="378"/>
        <source>Topics that start with {letter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="342"/>
        <source>All groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="343"/>
        <location filename="../../kiosk/ui/home.py" line="361"/>
        <source>Choose a topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="346"/>
        <source>Touch where it hurts, or choose a group. You can also find a topic by its first letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="350"/>
        <source>Topics from A to Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="363"/>
        <source>Tap a topic to read about it. You can also hear it read aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="367"/>
        <source>Tap a topic to read about it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="351"/>
        <source>No topics are available right now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="107"/>
        <source>Are you still there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="108"/>
        <source>Yes, I am still here</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/overlay.py" line="134"/>
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
        <location filename="../../kiosk/labels.py" line="35"/>
        <source>Call 911 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="36"/>
        <source>Call your doctor now or go to urgent care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="37"/>
        <source>Watch closely and call your doctor if</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="55"/>
        <source>What you can do at home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="60"/>
        <source>When to get help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="65"/>
        <source>Information current as of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="73"/>
        <source>Learn more (scan the code or type):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="75"/>
        <source>This page does not replace advice from your own doctor or nurse.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <location filename="../../kiosk/ui/language_picker.py" line="96"/>
        <source>Choose a language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/language_picker.py" line="97"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NarrationBar</name>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="82"/>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="83"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="84"/>
        <source>Previous sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="85"/>
        <source>Next sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="86"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="87"/>
        <source>Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="88"/>
        <source>Softer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="89"/>
        <source>Louder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="98"/>
        <source>Listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="99"/>
        <location filename="../../kiosk/ui/narration_bar.py" line="100"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="101"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="112"/>
        <source>Tap Listen to hear this page read aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="113"/>
        <source>Getting ready to read…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="121"/>
        <source>Reading aloud. The words being read are marked in yellow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="115"/>
        <source>Paused. Tap Resume to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="123"/>
        <source>Reading aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="126"/>
        <source>Reading aloud: {part}, {number} of {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="129"/>
        <source>Reading aloud: {part}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="149"/>
        <source>Reading aloud is not available right now. Please ask the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="153"/>
        <source>Sorry, this page could not be read aloud just now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="128"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="129"/>
        <source>Staff only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="130"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="131"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/pinpad.py" line="169"/>
        <source>That PIN is not right. %n try(s) left.</source>
        <translation>
            <numerusform>That PIN is not right. %n try left.</numerusform>
            <numerusform>That PIN is not right. %n tries left.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="172"/>
        <source>Too many wrong tries. The pad is locked for %1:%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="178"/>
        <source>No staff PIN is set. To set one, run this command on the kiosk computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="182"/>
        <source>Enter the staff PIN, then tap OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/pinpad.py" line="236"/>
        <source>%n digit(s) typed</source>
        <translation>
            <numerusform>%n digit typed</numerusform>
            <numerusform>%n digits typed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="165"/>
        <source>Back to patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="166"/>
        <source>Exit the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="167"/>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="168"/>
        <source>Reload topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="169"/>
        <source>Print a test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="170"/>
        <source>Say a test phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="171"/>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="172"/>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="173"/>
        <source>Sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="174"/>
        <source>Use of the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="175"/>
        <source>About this kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="182"/>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="182"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="192"/>
        <source>%n topic(s) loaded</source>
        <translation>
            <numerusform>%n topic loaded</numerusform>
            <numerusform>%n topics loaded</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="195"/>
        <source>Could not load:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="197"/>
        <source>Every topic file loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="200"/>
        <source>Waiting for clinical review:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="203"/>
        <source>No topic is waiting for clinical review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="208"/>
        <source>Content pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="219"/>
        <source>… and %n more (check-content lists every one)</source>
        <translation>
            <numerusform>… and %n more (check-content lists every one)</numerusform>
            <numerusform>… and %n more (check-content lists every one)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="224"/>
        <source>Reloaded: %n topic(s) loaded</source>
        <translation>
            <numerusform>Reloaded: %n topic loaded</numerusform>
            <numerusform>Reloaded: %n topics loaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="226"/>
        <source>%n file(s) could not load (see above)</source>
        <translation>
            <numerusform>%n file could not load (see above)</numerusform>
            <numerusform>%n files could not load (see above)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="232"/>
        <source>Checking the printer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="239"/>
        <source>Sending a test page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="243"/>
        <source>The printer is busy. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="249"/>
        <source>the test page was sent (job %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="263"/>
        <source>This is the sound test. If you can hear this, reading aloud works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="267"/>
        <source>Getting the test phrase ready…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="272"/>
        <source>the test phrase is playing now. Can you hear it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="283"/>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="284"/>
        <source>Topics opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="285"/>
        <source>Topics read aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="286"/>
        <source>Pages printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="288"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="288"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="310"/>
        <source>Counts are anonymous: no names, no answers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicScreen</name>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="345"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="346"/>
        <source>All topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="347"/>
        <source>Print a summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="417"/>
        <source>This topic is only in English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="418"/>
        <source>This topic is only in Spanish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="419"/>
        <source>This topic is only in Chinese.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="423"/>
        <source>This topic is only in {language}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
