<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="+551"/>
        <location line="+36"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-24"/>
        <source>%n refused by the centre</source>
        <translation>
            <numerusform>%n refused by the centre</numerusform>
            <numerusform>%n refused by the centre</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="+489"/>
        <source>Queue — %n waiting</source>
        <translation>
            <numerusform>Queue — %n waiting</numerusform>
            <numerusform>Queue — %n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n in progress with you</source>
        <translation>
            <numerusform>%n in progress with you</numerusform>
            <numerusform>%n in progress with you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n in progress in the team</source>
        <translation>
            <numerusform>%n in progress in the team</numerusform>
            <numerusform>%n in progress in the team</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message numerus="yes">
        <location filename="../../ui/template_picker.py" line="+318"/>
        <source>%n template(s)</source>
        <translation>
            <numerusform>%n template</numerusform>
            <numerusform>%n templates</numerusform>
        </translation>
    </message>
</context>
</TS>
