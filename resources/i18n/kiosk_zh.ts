<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="122"/>
        <source>Health information you can read, hear, and take home.</source>
        <translation>健康知识：可以看，可以听，还能带回家。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="123"/>
        <source>Touch to start</source>
        <translation>轻触屏幕开始</translation>
    </message>
</context>
<context>
    <name>BodyOutline</name>
    <message>
        <location filename="../../kiosk/ui/body.py" line="60"/>
        <source>Touch where it hurts</source>
        <translation>请点一下哪里痛</translation>
    </message>
</context>
<context>
    <name>ComfortControls</name>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="139"/>
        <source>Text size: normal</source>
        <translation>文字大小：正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="140"/>
        <source>Text size: large</source>
        <translation>文字大小：大</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="141"/>
        <source>Text size: largest</source>
        <translation>文字大小：最大</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="145"/>
        <source>Contrast</source>
        <translation>对比度</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="147"/>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="150"/>
        <source>Audio guide</source>
        <translation>语音导航</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="157"/>
        <source>Choose a language</source>
        <translation>选择语言</translation>
    </message>
</context>
<context>
    <name>DarkScreen</name>
    <message>
        <location filename="../../kiosk/ui/dark.py" line="23"/>
        <location filename="../../kiosk/ui/dark.py" line="27"/>
        <source>The kiosk is resting. Touch the screen to start.</source>
        <translation>屏幕正在休息。轻触屏幕开始。</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="25"/>
        <source>chosen</source>
        <translation>已选</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="27"/>
        <source>not chosen</source>
        <translation>未选</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="31"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="33"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="36"/>
        <source>not available now</source>
        <translation>现在不能用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="42"/>
        <source>Use the arrow keys to move. Press Enter to choose. Press Escape to go back. On a topic or the page to print, press Space to listen or pause. Press plus or minus to change the volume.</source>
        <translation>用方向键移动。按回车键选择。按 Esc 键返回。在主题页或打印页上，按空格键开始听或暂停。按加号或减号调节音量。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="52"/>
        <source>Audio guide on.</source>
        <translation>语音导航已打开。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="57"/>
        <source>Audio guide off.</source>
        <translation>语音导航已关闭。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="63"/>
        <source>Choose a topic. There is 1 topic.</source>
        <translation>请选择一个主题。共有 1 个主题。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="64"/>
        <source>Choose a topic. There are {count} topics.</source>
        <translation>请选择一个主题。共有 {count} 个主题。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="71"/>
        <source>Choose a topic. There are {count} topics in {groups} groups. After the groups, you can choose a topic by its first letter.</source>
        <translation>请选择一个主题。共有 {count} 个主题，分成 {groups} 组。在这些组后面，也可以按拼音首字母找主题。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="81"/>
        <source>{name}. There is 1 topic.</source>
        <translation>{name}。共有 1 个主题。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="82"/>
        <source>{name}. There are {count} topics.</source>
        <translation>{name}。共有 {count} 个主题。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="89"/>
        <source>{title}. Press Space to hear it read aloud.</source>
        <translation>{title}。按空格键可以听朗读。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="96"/>
        <source>Your page to take home. Choose Print this page to print it. Press Space to hear it read aloud.</source>
        <translation>这是您可以带回家的一页。选择“打印这一页”就能打印。按空格键可以听朗读。</translation>
    </message>
</context>
<context>
    <name>HandoutScreen</name>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="79"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="80"/>
        <source>Print this page</source>
        <translation>打印这一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="81"/>
        <source>Your page to take home</source>
        <translation>带回家的一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="84"/>
        <source>Reads the page to print aloud.</source>
        <translation>朗读要打印的这一页。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="93"/>
        <source>Preview of the page to print</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="125"/>
        <source>Check the page, then tap Print this page.</source>
        <translation>请看一下这一页，然后点“打印这一页”。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="126"/>
        <source>Sending your page to the printer…</source>
        <translation>正在把这一页发送到打印机…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="128"/>
        <source>Your page is printing. Please pick it up at the front desk.</source>
        <translation>正在打印。请到前台去取。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="132"/>
        <source>The printer is not working right now. Please ask the front desk.</source>
        <translation>打印机现在不能用。请问前台工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="137"/>
        <source>You have printed all the pages you can for now. Please ask the front desk.</source>
        <translation>您这次能打印的页数已经用完了。请问前台工作人员。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="48"/>
        <source>Only in English</source>
        <translation>只有英文版</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="49"/>
        <source>Only in Spanish</source>
        <translation>只有西班牙文版</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="50"/>
        <source>Only in Chinese</source>
        <translation>只有中文版</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="52"/>
        <source>Only in {language}</source>
        <translation>只有 {language} 版本</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="148"/>
        <source>1 topic</source>
        <translation>1 个主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="149"/>
        <source>{count} topics</source>
        <translation>{count} 个主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="176"/>
        <location filename="../../kiosk/ui/home.py" line="376"/>
        <source>Topics that start with a number</source>
        <translation>以数字开头的主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="178"/>
        <location filename="../../kiosk/ui/home.py" line="378"/>
        <source>Topics that start with {letter}</source>
        <translation>拼音以 {letter} 开头的主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="342"/>
        <source>All groups</source>
        <translation>所有分组</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="343"/>
        <location filename="../../kiosk/ui/home.py" line="361"/>
        <source>Choose a topic</source>
        <translation>选择一个主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="346"/>
        <source>Touch where it hurts, or choose a group. You can also find a topic by its first letter.</source>
        <translation>请点一下身体上痛的地方，或者选一个分组。也可以按拼音首字母找主题。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="350"/>
        <source>Topics from A to Z</source>
        <translation>按拼音首字母（A 到 Z）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="363"/>
        <source>Tap a topic to read about it. You can also hear it read aloud.</source>
        <translation>点一个主题就能阅读，也可以听朗读。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="367"/>
        <source>Tap a topic to read about it.</source>
        <translation>点一个主题，就能阅读。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="351"/>
        <source>No topics are available right now. Please ask the front desk.</source>
        <translation>现在没有可以看的主题。请问前台工作人员。</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="107"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="108"/>
        <source>Yes, I am still here</source>
        <translation>我还在</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/overlay.py" line="134"/>
        <source>To keep your visit private, the screen will start over in %n second(s).</source>
        <translation>
            <numerusform>为了保护您的隐私，屏幕会在 %n 秒后重新开始。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../kiosk/labels.py" line="35"/>
        <source>Call 911 now</source>
        <translation>马上打 911</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="36"/>
        <source>Call your doctor now or go to urgent care</source>
        <translation>现在就给医生打电话，或去急症诊所</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="37"/>
        <source>Watch closely and call your doctor if</source>
        <translation>密切观察，有以下情况就给医生打电话</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="55"/>
        <source>What you can do at home</source>
        <translation>在家可以做的事</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="60"/>
        <source>When to get help</source>
        <translation>什么时候需要就医</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="65"/>
        <source>Information current as of {date}</source>
        <translation>信息更新至 {date}</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="73"/>
        <source>Learn more (scan the code or type):</source>
        <translation>了解更多（扫码或输入网址）：</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="75"/>
        <source>This page does not replace advice from your own doctor or nurse.</source>
        <translation>这一页不能代替您自己的医生或护士给的建议。</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <location filename="../../kiosk/ui/language_picker.py" line="96"/>
        <source>Choose a language</source>
        <translation>选择语言</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/language_picker.py" line="97"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>NarrationBar</name>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="82"/>
        <source>Previous</source>
        <translation>上一句</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="83"/>
        <source>Next</source>
        <translation>下一句</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="84"/>
        <source>Previous sentence</source>
        <translation>上一句</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="85"/>
        <source>Next sentence</source>
        <translation>下一句</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="86"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="87"/>
        <source>Slower</source>
        <translation>慢一点</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="88"/>
        <source>Softer</source>
        <translation>小声一点</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="89"/>
        <source>Louder</source>
        <translation>大声一点</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="98"/>
        <source>Listen</source>
        <translation>听朗读</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="99"/>
        <location filename="../../kiosk/ui/narration_bar.py" line="100"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="101"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="112"/>
        <source>Tap Listen to hear this page read aloud.</source>
        <translation>点“听朗读”，就能听到这一页。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="113"/>
        <source>Getting ready to read…</source>
        <translation>正在准备朗读…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="115"/>
        <source>Paused. Tap Resume to go on.</source>
        <translation>已暂停。点“继续”接着听。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="121"/>
        <source>Reading aloud. The words being read are marked in yellow.</source>
        <translation>正在朗读。正在读的句子用黄色标出。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="123"/>
        <source>Reading aloud.</source>
        <translation>正在朗读。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="126"/>
        <source>Reading aloud: {part}, {number} of {count}.</source>
        <translation>正在朗读：{part}，第 {number} 条，共 {count} 条。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="129"/>
        <source>Reading aloud: {part}.</source>
        <translation>正在朗读：{part}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="149"/>
        <source>Reading aloud is not available right now. Please ask the front desk.</source>
        <translation>现在不能朗读。请问前台工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="153"/>
        <source>Sorry, this page could not be read aloud just now.</source>
        <translation>对不起，这一页刚才没能读出来。</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="128"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="129"/>
        <source>Staff only</source>
        <translation>仅限工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="130"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="131"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/pinpad.py" line="169"/>
        <source>That PIN is not right. %n try(s) left.</source>
        <translation>
            <numerusform>PIN 不对。还能再试 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="172"/>
        <source>Too many wrong tries. The pad is locked for %1:%2.</source>
        <translation>错误次数太多。键盘已锁定 %1:%2。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="178"/>
        <source>No staff PIN is set. To set one, run this command on the kiosk computer:</source>
        <translation>还没有设置工作人员 PIN。要设置，请在这台电脑上运行这个命令：</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="182"/>
        <source>Enter the staff PIN, then tap OK.</source>
        <translation>输入工作人员 PIN，然后点“确定”。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/pinpad.py" line="236"/>
        <source>%n digit(s) typed</source>
        <translation>
            <numerusform>已输入 %n 位</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="165"/>
        <source>Back to patients</source>
        <translation>返回患者界面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="166"/>
        <source>Exit the kiosk</source>
        <translation>退出自助机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="167"/>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="168"/>
        <source>Reload topics</source>
        <translation>重新加载主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="169"/>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="170"/>
        <source>Say a test phrase</source>
        <translation>播放测试语音</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="171"/>
        <source>Topics</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="172"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="173"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="174"/>
        <source>Use of the kiosk</source>
        <translation>自助机使用情况</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="175"/>
        <source>About this kiosk</source>
        <translation>关于这台自助机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="182"/>
        <source>Working</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="182"/>
        <source>Problem</source>
        <translation>有问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="192"/>
        <source>%n topic(s) loaded</source>
        <translation>
            <numerusform>已加载 %n 个主题</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="195"/>
        <source>Could not load:</source>
        <translation>无法加载：</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="197"/>
        <source>Every topic file loaded.</source>
        <translation>所有主题文件都已加载。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="200"/>
        <source>Waiting for clinical review:</source>
        <translation>等待临床审核：</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="203"/>
        <source>No topic is waiting for clinical review.</source>
        <translation>没有主题在等待临床审核。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="208"/>
        <source>Content pack</source>
        <translation>内容包</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="219"/>
        <source>… and %n more (check-content lists every one)</source>
        <translation>
            <numerusform>……还有 %n 个（check-content 会全部列出）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="224"/>
        <source>Reloaded: %n topic(s) loaded</source>
        <translation>
            <numerusform>已重新加载：%n 个主题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="226"/>
        <source>%n file(s) could not load (see above)</source>
        <translation>
            <numerusform>%n 个文件无法加载（见上面）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="232"/>
        <source>Checking the printer…</source>
        <translation>正在检查打印机…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="239"/>
        <source>Sending a test page…</source>
        <translation>正在发送测试页…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="243"/>
        <source>The printer is busy. Try again in a moment.</source>
        <translation>打印机正忙。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="249"/>
        <source>the test page was sent (job %1).</source>
        <translation>测试页已发送（任务 %1）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="263"/>
        <source>This is the sound test. If you can hear this, reading aloud works.</source>
        <translation>这是声音测试。如果您能听到，朗读功能就是好的。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="267"/>
        <source>Getting the test phrase ready…</source>
        <translation>正在准备测试语音…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="272"/>
        <source>the test phrase is playing now. Can you hear it?</source>
        <translation>测试语音正在播放。您能听到吗？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="283"/>
        <source>Visits</source>
        <translation>访问次数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="284"/>
        <source>Topics opened</source>
        <translation>打开的主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="285"/>
        <source>Topics read aloud</source>
        <translation>朗读的主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="286"/>
        <source>Pages printed</source>
        <translation>打印的页数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="288"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="288"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="310"/>
        <source>Counts are anonymous: no names, no answers.</source>
        <translation>统计是匿名的：没有姓名，也没有回答内容。</translation>
    </message>
</context>
<context>
    <name>TopicScreen</name>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="345"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="346"/>
        <source>All topics</source>
        <translation>所有主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="347"/>
        <source>Print a summary</source>
        <translation>打印要点</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="417"/>
        <source>This topic is only in English.</source>
        <translation>这个主题只有英文版。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="418"/>
        <source>This topic is only in Spanish.</source>
        <translation>这个主题只有西班牙文版。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="419"/>
        <source>This topic is only in Chinese.</source>
        <translation>这个主题只有中文版。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="423"/>
        <source>This topic is only in {language}.</source>
        <translation>这个主题只有 {language} 版本。</translation>
    </message>
</context>
</TS>
