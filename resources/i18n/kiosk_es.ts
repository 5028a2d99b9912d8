<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="122"/>
        <source>Health information you can read, hear, and take home.</source>
        <translation>Información de salud para leer, escuchar y llevar a casa.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="123"/>
        <source>Touch to start</source>
        <translation>Toque para empezar</translation>
    </message>
</context>
<context>
    <name>BodyOutline</name>
    <message>
        <location filename="../../kiosk/ui/body.py" line="60"/>
        <source>Touch where it hurts</source>
        <translation>Toque donde le duele</translation>
    </message>
</context>
<context>
    <name>ComfortControls</name>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="139"/>
        <source>Text size: normal</source>
        <translation>Tamaño de letra: normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="140"/>
        <source>Text size: large</source>
        <translation>Tamaño de letra: grande</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="141"/>
        <source>Text size: largest</source>
        <translation>Tamaño de letra: el más grande</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="145"/>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="147"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="150"/>
        <source>Audio guide</source>
        <translation>Guía de voz</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controls.py" line="157"/>
        <source>Choose a language</source>
        <translation>Elija un idioma</translation>
    </message>
</context>
<context>
    <name>DarkScreen</name>
    <message>
        <location filename="../../kiosk/ui/dark.py" line="23"/>
        <location filename="../../kiosk/ui/dark.py" line="27"/>
        <source>The kiosk is resting. Touch the screen to start.</source>
        <translation>La pantalla está en reposo. Toque la pantalla para empezar.</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="25"/>
        <source>chosen</source>
        <translation>elegido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="27"/>
        <source>not chosen</source>
        <translation>no elegido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="31"/>
        <source>on</source>
        <translation>activado</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="33"/>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="36"/>
        <source>not available now</source>
        <translation>no disponible ahora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="42"/>
        <source>Use the arrow keys to move. Press Enter to choose. Press Escape to go back. On a topic or the page to print, press Space to listen or pause. Press plus or minus to change the volume.</source>
        <translation>Use las flechas para moverse. Pulse Intro para elegir. Pulse Escape para volver. En un tema o en la hoja para imprimir, pulse la barra espaciadora para escuchar o hacer una pausa. Pulse más o menos para cambiar el volumen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="71"/>
        <source>Choose a topic. There are {count} topics in {groups} groups. After the groups, you can choose a topic by its first letter.</source>
        <translation>Elija un tema. Hay {count} temas en {groups} grupos. Después de los grupos, puede elegir un tema por su primera letra.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="81"/>
        <source>{name}. There is 1 topic.</source>
        <translation>{name}. Hay 1 tema.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="82"/>
        <source>{name}. There are {count} topics.</source>
        <translation>{name}. Hay {count} temas.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="96"/>
        <source>Your page to take home. Choose Print this page to print it. Press Space to hear it read aloud.</source>
        <translation>Su hoja para llevar a casa. Elija Imprimir esta hoja para imprimirla. Pulse la barra espaciadora para escucharla en voz alta.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="52"/>
        <source>Audio guide on.</source>
        <translation>Guía de voz activada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="57"/>
        <source>Audio guide off.</source>
        <translation>Guía de voz desactivada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="63"/>
        <source>Choose a topic. There is 1 topic.</source>
        <translation>Elija un tema. Hay 1 tema.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="64"/>
        <source>Choose a topic. There are {count} topics.</source>
        <translation>Elija un tema. Hay {count} temas.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/guide_words.py" line="89"/>
        <source>{title}. Press Space to hear it read aloud.</source>
        <translation>{title}. Pulse la barra espaciadora para escucharlo en voz alta.</translation>
    </message>
</context>
<context>
    <name>HandoutScreen</name>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="79"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="80"/>
        <source>Print this page</source>
        <translation>Imprimir esta hoja</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="81"/>
        <source>Your page to take home</source>
        <translation>Hoja para llevar a casa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="84"/>
        <source>Reads the page to print aloud.</source>
        <translation>Lee en voz alta la hoja para imprimir.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="93"/>
        <source>Preview of the page to print</source>
        <translation>Vista previa de la hoja para imprimir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="125"/>
        <source>Check the page, then tap Print this page.</source>
        <translation>Revise la hoja y luego toque Imprimir esta hoja.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="126"/>
        <source>Sending your page to the printer…</source>
        <translation>Enviando su hoja a la impresora…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="128"/>
        <source>Your page is printing. Please pick it up at the front desk.</source>
        <translation>Su hoja se está imprimiendo. Por favor, recójala en la recepción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="132"/>
        <source>The printer is not working right now. Please ask the front desk.</source>
        <translation>La impresora no funciona en este momento. Por favor, pregunte en la recepción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/handout.py" line="137"/>
        <source>You have printed all the pages you can for now. Please ask the front desk.</source>
        <translation>Ya imprimió todas las hojas que puede por ahora. Por favor, pregunte en la recepción.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="48"/>
        <source>Only in English</source>
        <translation>Solo en inglés</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="49"/>
        <source>Only in Spanish</source>
        <translation>Solo en español</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="50"/>
        <source>Only in Chinese</source>
        <translation>Solo en chino</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="52"/>
        <source>Only in {language}</source>
        <translation>Solo en {language}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="148"/>
        <source>1 topic</source>
        <translation>1 tema</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="149"/>
        <source>{count} topics</source>
        <translation>{count} temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="176"/>
        <location filename="../../kiosk/ui/home.py" line="376"/>
        <source>Topics that start with a number</source>
        <translation>Temas que empiezan con un número</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="178"/>
        <location filename="../../kiosk/ui/home.py" line="378"/>
        <source>Topics that start with {letter}</source>
        <translation>Temas que empiezan con {letter}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="342"/>
        <source>All groups</source>
        <translation>Todos los grupos</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="343"/>
        <location filename="../../kiosk/ui/home.py" line="361"/>
        <source>Choose a topic</source>
        <translation>Elija un tema</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="346"/>
        <source>Touch where it hurts, or choose a group. You can also find a topic by its first letter.</source>
        <translation>Toque donde le duele o elija un grupo. También puede buscar un tema por su primera letra.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="350"/>
        <source>Topics from A to Z</source>
        <translation>Temas de la A a la Z</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="363"/>
        <source>Tap a topic to read about it. You can also hear it read aloud.</source>
        <translation>Toque un tema para leer sobre él. También puede escucharlo en voz alta.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="367"/>
        <source>Tap a topic to read about it.</source>
        <translation>Toque un tema para leer sobre él.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="351"/>
        <source>No topics are available right now. Please ask the front desk.</source>
        <translation>No hay temas disponibles en este momento. Por favor, pregunte en la recepción.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="107"/>
        <source>Are you still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overlay.py" line="108"/>
        <source>Yes, I am still here</source>
        <translation>Sí, aquí estoy</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/overlay.py" line="134"/>
        <source>To keep your visit private, the screen will start over in %n second(s).</source>
        <translation>
            <numerusform>Para proteger su privacidad, la pantalla volverá a empezar en %n segundo.</numerusform>
            <numerusform>Para proteger su privacidad, la pantalla volverá a empezar en %n segundos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../kiosk/labels.py" line="35"/>
        <source>Call 911 now</source>
        <translation>Llame al 911 ahora</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="36"/>
        <source>Call your doctor now or go to urgent care</source>
        <translation>Llame a su médico ahora o vaya a urgencias</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="37"/>
        <source>Watch closely and call your doctor if</source>
        <translation>Esté atento y llame a su médico si</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="55"/>
        <source>What you can do at home</source>
        <translation>Lo que puede hacer en casa</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="60"/>
        <source>When to get help</source>
        <translation>Cuándo pedir ayuda</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="65"/>
        <source>Information current as of {date}</source>
        <translation>Información vigente al {date}</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="73"/>
        <source>Learn more (scan the code or type):</source>
        <translation>Más información (escanee el código o escriba):</translation>
    </message>
    <message>
        <location filename="../../kiosk/labels.py" line="75"/>
        <source>This page does not replace advice from your own doctor or nurse.</source>
        <translation>Esta hoja no reemplaza los consejos de su propio médico o enfermera.</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <location filename="../../kiosk/ui/language_picker.py" line="96"/>
        <source>Choose a language</source>
        <translation>Elija un idioma</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/language_picker.py" line="97"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>NarrationBar</name>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="82"/>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="83"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="84"/>
        <source>Previous sentence</source>
        <translation>Frase anterior</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="85"/>
        <source>Next sentence</source>
        <translation>Frase siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="86"/>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="87"/>
        <source>Slower</source>
        <translation>Más lento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="88"/>
        <source>Softer</source>
        <translation>Más bajo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="89"/>
        <source>Louder</source>
        <translation>Más alto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="98"/>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="99"/>
        <location filename="../../kiosk/ui/narration_bar.py" line="100"/>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="101"/>
        <source>Resume</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="112"/>
        <source>Tap Listen to hear this page read aloud.</source>
        <translation>Toque Escuchar para oír esta página en voz alta.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="113"/>
        <source>Getting ready to read…</source>
        <translation>Preparando la lectura…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="121"/>
        <source>Reading aloud. The words being read are marked in yellow.</source>
        <translation>Leyendo en voz alta. Las palabras que se leen están marcadas en amarillo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="115"/>
        <source>Paused. Tap Resume to go on.</source>
        <translation>En pausa. Toque Seguir para continuar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="123"/>
        <source>Reading aloud.</source>
        <translation>Leyendo en voz alta.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="126"/>
        <source>Reading aloud: {part}, {number} of {count}.</source>
        <translation>Leyendo en voz alta: {part}, {number} de {count}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="129"/>
        <source>Reading aloud: {part}.</source>
        <translation>Leyendo en voz alta: {part}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="149"/>
        <source>Reading aloud is not available right now. Please ask the front desk.</source>
        <translation>La lectura en voz alta no está disponible en este momento. Por favor, pregunte en la recepción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/narration_bar.py" line="153"/>
        <source>Sorry, this page could not be read aloud just now.</source>
        <translation>Lo sentimos, no se pudo leer esta página en voz alta en este momento.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="128"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="129"/>
        <source>Staff only</source>
        <translation>Solo para el personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="130"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="131"/>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/pinpad.py" line="169"/>
        <source>That PIN is not right. %n try(s) left.</source>
        <translation>
            <numerusform>Ese PIN no es correcto. Queda %n intento.</numerusform>
            <numerusform>Ese PIN no es correcto. Quedan %n intentos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="172"/>
        <source>Too many wrong tries. The pad is locked for %1:%2.</source>
        <translation>Demasiados intentos fallidos. El teclado está bloqueado durante %1:%2.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="178"/>
        <source>No staff PIN is set. To set one, run this command on the kiosk computer:</source>
        <translation>No hay un PIN del personal. Para crear uno, ejecute este comando en la computadora del quiosco:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pinpad.py" line="182"/>
        <source>Enter the staff PIN, then tap OK.</source>
        <translation>Escriba el PIN del personal y toque Aceptar.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/pinpad.py" line="236"/>
        <source>%n digit(s) typed</source>
        <translation>
            <numerusform>%n dígito escrito</numerusform>
            <numerusform>%n dígitos escritos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="165"/>
        <source>Back to patients</source>
        <translation>Volver a los pacientes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="166"/>
        <source>Exit the kiosk</source>
        <translation>Cerrar el quiosco</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="167"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="168"/>
        <source>Reload topics</source>
        <translation>Volver a cargar los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="169"/>
        <source>Print a test page</source>
        <translation>Imprimir una página de prueba</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="170"/>
        <source>Say a test phrase</source>
        <translation>Decir una frase de prueba</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="171"/>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="172"/>
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="173"/>
        <source>Sound</source>
        <translation>Sonido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="174"/>
        <source>Use of the kiosk</source>
        <translation>Uso del quiosco</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="175"/>
        <source>About this kiosk</source>
        <translation>Sobre este quiosco</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="182"/>
        <source>Working</source>
        <translation>Funciona</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="182"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="192"/>
        <source>%n topic(s) loaded</source>
        <translation>
            <numerusform>%n tema cargado</numerusform>
            <numerusform>%n temas cargados</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="195"/>
        <source>Could not load:</source>
        <translation>No se pudieron cargar:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="197"/>
        <source>Every topic file loaded.</source>
        <translation>Todos los archivos de temas se cargaron.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="200"/>
        <source>Waiting for clinical review:</source>
        <translation>Esperan revisión clínica:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="203"/>
        <source>No topic is waiting for clinical review.</source>
        <translation>Ningún tema espera revisión clínica.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="208"/>
        <source>Content pack</source>
        <translation>Paquete de contenido</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="219"/>
        <source>… and %n more (check-content lists every one)</source>
        <translation>
            <numerusform>… y %n más (check-content los muestra todos)</numerusform>
            <numerusform>… y %n más (check-content los muestra todos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="224"/>
        <source>Reloaded: %n topic(s) loaded</source>
        <translation>
            <numerusform>Cargado de nuevo: %n tema</numerusform>
            <numerusform>Cargado de nuevo: %n temas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff.py" line="226"/>
        <source>%n file(s) could not load (see above)</source>
        <translation>
            <numerusform>%n archivo no se pudo cargar (vea arriba)</numerusform>
            <numerusform>%n archivos no se pudieron cargar (vea arriba)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="232"/>
        <source>Checking the printer…</source>
        <translation>Revisando la impresora…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="239"/>
        <source>Sending a test page…</source>
        <translation>Enviando una página de prueba…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="243"/>
        <source>The printer is busy. Try again in a moment.</source>
        <translation>La impresora está ocupada. Vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="249"/>
        <source>the test page was sent (job %1).</source>
        <translation>se envió la página de prueba (trabajo %1).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="263"/>
        <source>This is the sound test. If you can hear this, reading aloud works.</source>
        <translation>Esta es la prueba de sonido. Si puede oír esto, la lectura en voz alta funciona.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="267"/>
        <source>Getting the test phrase ready…</source>
        <translation>Preparando la frase de prueba…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="272"/>
        <source>the test phrase is playing now. Can you hear it?</source>
        <translation>la frase de prueba se está oyendo ahora. ¿La oye?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="283"/>
        <source>Visits</source>
        <translation>Visitas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="284"/>
        <source>Topics opened</source>
        <translation>Temas abiertos</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="285"/>
        <source>Topics read aloud</source>
        <translation>Temas leídos en voz alta</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="286"/>
        <source>Pages printed</source>
        <translation>Páginas impresas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="288"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="288"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="310"/>
        <source>Counts are anonymous: no names, no answers.</source>
        <translation>Los conteos son anónimos: sin nombres ni respuestas.</translation>
    </message>
</context>
<context>
    <name>TopicScreen</name>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="345"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="346"/>
        <source>All topics</source>
        <translation>Todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="347"/>
        <source>Print a summary</source>
        <translation>Imprimir un resumen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="417"/>
        <source>This topic is only in English.</source>
        <translation>Este tema solo está en inglés.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="418"/>
        <source>This topic is only in Spanish.</source>
        <translation>Este tema solo está en español.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="419"/>
        <source>This topic is only in Chinese.</source>
        <translation>Este tema solo está en chino.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/topic.py" line="423"/>
        <source>This topic is only in {language}.</source>
        <translation>Este tema solo está en {language}.</translation>
    </message>
</context>
</TS>
