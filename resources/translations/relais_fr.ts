<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AlignmentView</name>
    <message>
        <location filename="../../ui/backoffice/alignment_view.py" line="+62"/>
        <source>Advisor&apos;s feeling</source>
        <translation>Ressenti du conseiller</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+10"/>
        <location line="+84"/>
        <location line="+38"/>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location line="-131"/>
        <location line="+10"/>
        <location line="+84"/>
        <location line="+38"/>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Customer (CSAT)</source>
        <translation>Client (CSAT)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Closed from</source>
        <translation>Clôturés à partir du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed until (included)</source>
        <translation>Clôturés jusqu’au (inclus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compute</source>
        <translation>Ca&amp;lculer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contacts closed from</source>
        <translation>Contacts clôturés du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alignment summary</source>
        <translation>Synthèse de l’alignement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alignment per advisor and team</source>
        <translation>Alignement par conseiller et par équipe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who</source>
        <translation>Équipe ou conseiller</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+37"/>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <location line="-130"/>
        <location line="+94"/>
        <location line="+38"/>
        <source>Feeling</source>
        <translation>Ressenti</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Survey</source>
        <translation>Enquête</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over-estimated</source>
        <translation>Surestimé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under-estimated</source>
        <translation>Sous-estimé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfied (surveyed)</source>
        <translation>Satisfaits (enquêtés)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfied (estimated, all contacts)</source>
        <translation>Satisfaits (estimation, tous contacts)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pair of views</source>
        <translation>Points de vue comparés</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Confusion matrix</source>
        <translation>Tableau croisé des notes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Click a figure or a cell to list the contacts behind it.</source>
        <translation>Cliquez sur un chiffre ou une case pour afficher les contacts correspondants.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contacts behind the figure</source>
        <translation>Contacts correspondants</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Advisor</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <location line="-128"/>
        <location line="+132"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s words</source>
        <translation>Paroles du client</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Computing on the centre…</source>
        <translation>Calcul en cours auprès du centre…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{closed} contacts closed in the period, {surveyed} with a survey answer: choose a line, then a pair of views; a click on a cell lists its contacts.</source>
        <translation>{closed} contacts clôturés sur la période, dont {surveyed} avec une réponse à l’enquête&#xa0;: choisissez une ligne, puis une paire de points de vue&#xa0;; un clic sur une case liste ses contacts.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Whole selection</source>
        <translation>Toute la sélection</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{n} contacts with both · agreement {agreement} · mean gap {gap}</source>
        <translation>{n} contacts notés des deux côtés · accord {agreement} · écart moyen {gap}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>weighted kappa {kappa} (1: full agreement, 0: no better than chance)</source>
        <translation>kappa pondéré {kappa} (1&#xa0;: accord parfait, 0&#xa0;: pas mieux que le hasard)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Contacts with both views</source>
        <translation>Contacts notés des deux côtés</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{first} {a}, {second} {b}</source>
        <translation>{first} {a}, {second} {b}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{title} — {who}</source>
        <translation>{title} — {who}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{shown} of {total}</source>
        <translation>{shown} sur {total}</translation>
    </message>
</context>
<context>
    <name>Assessment</name>
    <message>
        <location filename="../../ui/common/texts.py" line="+76"/>
        <source>Very dissatisfied</source>
        <translation>Très insatisfait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rather dissatisfied</source>
        <translation>Plutôt insatisfait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rather satisfied</source>
        <translation>Plutôt satisfait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Very satisfied</source>
        <translation>Très satisfait</translation>
    </message>
</context>
<context>
    <name>AttachmentSaver</name>
    <message>
        <location filename="../../ui/desk/attachment_save.py" line="+53"/>
        <source>File saved</source>
        <translation>Fichier enregistré</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved as {path}.</source>
        <translation>Enregistré sous {path}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File not saved</source>
        <translation>Fichier non enregistré</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save the customer&apos;s file</source>
        <translation>Enregistrer le fichier du client</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{name}” is a program.</source>
        <translation>«&#xa0;{name}&#xa0;» est un programme.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{name}” is not what its name says (its content is {kind}).</source>
        <translation>«&#xa0;{name}&#xa0;» n’est pas ce que son nom annonce (son contenu est de type {kind}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save a risky file</source>
        <translation>Enregistrer un fichier à risque</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files from customers can be harmful. Save it only if you need it, and never open it on this workstation unless your IT team says it is safe.</source>
        <translation>Les fichiers des clients peuvent être dangereux. Enregistrez-le seulement si vous en avez besoin, et ne l’ouvrez jamais sur ce poste sans l’accord de votre service informatique.</translation>
    </message>
</context>
<context>
    <name>CallBar</name>
    <message>
        <location filename="../../ui/desk/contact_parts.py" line="+149"/>
        <location line="+32"/>
        <source>Start call</source>
        <translation>Démarrer l’appel</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Start the call record</source>
        <translation>Noter le début de l’appel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the call record ({keys})</source>
        <translation>Noter le début de l’appel ({keys})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End call</source>
        <translation>Terminer l’appel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End the call record</source>
        <translation>Noter la fin de l’appel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the call record ({keys})</source>
        <translation>Noter la fin de l’appel ({keys})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call record</source>
        <translation>Journal de l’appel</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Call back</source>
        <translation>Rappeler</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Missed call: the caller hung up at {end}, before anyone answered.</source>
        <translation>Appel manqué&#xa0;: l’appelant a raccroché à {end}, avant toute réponse.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No call recorded yet.</source>
        <translation>Aucun appel enregistré pour le moment.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call from {start} to {end} — {duration}</source>
        <translation>Appel de {start} à {end} — {duration}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>On call since {start} — {elapsed}</source>
        <translation>En ligne depuis {start} — {elapsed}</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <location filename="../../ui/backoffice/case_detail.py" line="+49"/>
        <source>Thread</source>
        <translation>Échanges</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No written message: a call.</source>
        <translation>Aucun message écrit&#xa0;: un appel.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal notes</source>
        <translation>Notes internes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who held it</source>
        <translation>Qui l’a pris en charge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrap-up</source>
        <translation>Clôture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advisor felt the customer was:</source>
        <translation>Ressenti du conseiller sur le client&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Survey</source>
        <translation>Enquête</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>effort</source>
        <translation>effort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer did not answer a survey.</source>
        <translation>Le client n’a pas répondu à l’enquête.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluations</source>
        <translation>Évaluations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other evaluations:</source>
        <translation>Autres évaluations&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not evaluated yet.</source>
        <translation>Pas encore évalué.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a case in the list.</source>
        <translation>Choisissez un dossier dans la liste.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Manager</source>
        <translation>Évaluation managériale</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quality</source>
        <translation>Évaluation qualité</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{kind} · {who} · {when}</source>
        <translation>{kind} · {who} · {when}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customer&apos;s satisfaction as estimated: {label}</source>
        <translation>Satisfaction du client estimée&#xa0;: {label}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Quality score: {score}/100</source>
        <translation>Note qualité&#xa0;: {score}/100</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>agrees</source>
        <translation>accepte l’évaluation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contests</source>
        <translation>conteste l’évaluation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The advisor {stance}: {comment}</source>
        <translation>Le conseiller {stance}&#xa0;: {comment}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{channel} · {team} · closed {when} by {advisor}</source>
        <translation>{channel} · {team} · clôturé {when} par {advisor}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>customer</source>
        <translation>client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>advisor</source>
        <translation>conseiller</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Your evaluation</source>
        <translation>Votre évaluation</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Evaluate as</source>
        <translation>Type d’évaluation</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+23"/>
        <source>Scorecard</source>
        <translation>Grille d’évaluation</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>What went well, what to coach</source>
        <translation>Points forts, axes de progrès</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation comment</source>
        <translation>Commentaire de l’évaluation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sa&amp;ve the evaluation</source>
        <translation>Enregis&amp;trer l’évaluation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>As</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer&apos;s satisfaction</source>
        <translation>Satisfaction du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>You may not evaluate this contact (your own, or not your team&apos;s).</source>
        <translation>Vous ne pouvez pas évaluer ce contact (c’est le vôtre, ou il n’est pas de votre équipe).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No scorecard yet: create one with “New scorecard…”.</source>
        <translation>Aucune grille d’évaluation pour l’instant&#xa0;: créez-en une avec «&#xa0;Nouvelle grille d’évaluation…&#xa0;».</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>the customer&apos;s satisfaction</source>
        <translation>la satisfaction du client</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Score every criterion and the customer&apos;s satisfaction first: {what}.</source>
        <translation>Notez d’abord tous les critères et la satisfaction du client. Il manque&#xa0;: {what}.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The case</source>
        <translation>Le dossier</translation>
    </message>
</context>
<context>
    <name>CaseList</name>
    <message>
        <location filename="../../ui/backoffice/case_list.py" line="+155"/>
        <source>Closed from</source>
        <translation>Clôturés à partir du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed until (included)</source>
        <translation>Clôturés jusqu’au (inclus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advisor</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every advisor</source>
        <translation>Tous les conseillers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every channel</source>
        <translation>Tous les canaux</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Self-assessment</source>
        <translation>Ressenti du conseiller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any feeling</source>
        <translation>Tout ressenti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeling 1 or 2</source>
        <translation>Ressenti 1 ou 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeling 3 or 4</source>
        <translation>Ressenti 3 ou 4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Survey answer</source>
        <translation>Réponse à l’enquête</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any CSAT</source>
        <translation>Tout CSAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSAT 1 or 2</source>
        <translation>CSAT 1 ou 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSAT 3</source>
        <translation>CSAT 3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSAT 4 or 5</source>
        <translation>CSAT 4 ou 5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Feeling and survey disagree</source>
        <translation>Ressenti et enquête en désaccord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low feeling awaiting follow-up</source>
        <translation>Ressenti faible en attente de suivi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show the cases</source>
        <translation>A&amp;fficher les dossiers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cases</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>How many cases</source>
        <translation>Nombre de dossiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load more</source>
        <translation>Afficher plus</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>No closed contact matches these filters in this period.</source>
        <translation>Aucun contact clôturé ne correspond à ces filtres sur cette période.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossiers</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} shown</source>
        <translation>{shown} affichés</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{mask}: hidden until you have saved your own evaluation (entered blind)</source>
        <translation>{mask}&#xa0;: caché tant que vous n’avez pas enregistré votre propre évaluation (saisie à l’aveugle)</translation>
    </message>
</context>
<context>
    <name>CaseModel</name>
    <message>
        <location line="-255"/>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advisor</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeling</source>
        <translation>Ressenti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluated</source>
        <translation>Évalué</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Hidden until you save your evaluation of this contact</source>
        <translation>Masqué jusqu’à ce que vous enregistriez votre évaluation de ce contact</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+4"/>
        <source>hidden</source>
        <translation>masqué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
</context>
<context>
    <name>CaseReview</name>
    <message>
        <location filename="../../ui/backoffice/case_review.py" line="+30"/>
        <source>New &amp;scorecard…</source>
        <translation>&amp;Nouvelle grille d’évaluation…</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <location filename="../../app/channels.py" line="+185"/>
        <location filename="../../ui/common/texts.py" line="-34"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/common/texts.py" line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/common/texts.py" line="+1"/>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/common/texts.py" line="+1"/>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/common/texts.py" line="+1"/>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/common/texts.py" line="+1"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/common/texts.py" line="+1"/>
        <source>Letter</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <location filename="../../ui/common/texts.py" line="+7"/>
        <source>Phone call</source>
        <translation>Appel téléphonique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chat</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../ui/desk/reason_box.py" line="+174"/>
        <source>{reason}, in {category}</source>
        <translation>{reason}, dans {category}</translation>
    </message>
    <message>
        <location filename="../../ui/desk/close_dialog.py" line="+146"/>
        <source>Close contact {reference}</source>
        <translation>Clôturer le contact {reference}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+160"/>
        <source>Close the contact</source>
        <translation>Clôturer le contact</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>{channel} · {reference} · {who}</source>
        <translation>{channel} · {reference} · {who}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reason for the contact</source>
        <translation>Motif du contact</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type to search: withdrawal, bonus…</source>
        <translation>Tapez pour chercher&#xa0;: retrait, bonus…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>How satisfied do you think the customer is?</source>
        <translation>Selon vous, le client est-il satisfait&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys 1 to 4</source>
        <translation>Touches 1 à 4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Plan a follow-up</source>
        <translation>&amp;Prévoir un suivi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan a follow-up</source>
        <translation>Prévoir un suivi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call &amp;back</source>
        <translation>&amp;Rappeler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call the customer back</source>
        <translation>Rappeler le client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply in &amp;writing</source>
        <translation>Répondre par écri&amp;t</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply to the customer in writing</source>
        <translation>Répondre au client par écrit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Follow-up date and time</source>
        <translation>Date et heure du suivi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In 2 h</source>
        <translation>Dans 2 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow up in two hours</source>
        <translation>Suivi dans deux heures</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This contact will also go on the supervisors&apos; review list.</source>
        <translation>Ce contact sera aussi ajouté à la liste de revue des superviseurs.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Comment (optional)</source>
        <translation>Commentaire (facultatif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional: what a colleague or supervisor should know. Never sent.</source>
        <translation>Facultatif&#xa0;: ce qu’un collègue ou un superviseur doit savoir. Jamais envoyé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>C&amp;omment</source>
        <translation>C&amp;ommentaire</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel: keep the contact open</source>
        <translation>Annuler&#xa0;: garder le contact ouvert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Close</source>
        <translation>&amp;Clôturer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close the contact ({keys})</source>
        <translation>Clôturer le contact ({keys})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close and take the next contact ({keys})</source>
        <translation>Clôturer et prendre le contact suivant ({keys})</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Close and take &amp;next</source>
        <translation>Clôturer et passer au &amp;suivant</translation>
    </message>
    <message>
        <location filename="../../ui/desk/close_parts.py" line="+38"/>
        <source>Find the reason: a few letters, in French or English</source>
        <translation>Trouver le motif&#xa0;: quelques lettres, en français ou en anglais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next or previous group of choices</source>
        <translation>Groupe de choix suivant ou précédent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose within a group: outcome, follow-up kind</source>
        <translation>Choisir dans un groupe&#xa0;: résultat, type de suivi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your assessment of the customer&apos;s satisfaction</source>
        <translation>Votre ressenti de la satisfaction du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close and take the next contact</source>
        <translation>Clôturer et prendre le contact suivant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without taking the next contact</source>
        <translation>Clôturer sans prendre le contact suivant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel: the contact stays open, your choices kept</source>
        <translation>Annuler&#xa0;: le contact reste ouvert, vos choix sont gardés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With an underlined letter: go to that field</source>
        <translation>Avec une lettre soulignée&#xa0;: aller à ce champ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These keys</source>
        <translation>Ces touches</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Letters</source>
        <translation>Lettres</translation>
    </message>
    <message>
        <location filename="../../ui/desk/close_dialog.py" line="-42"/>
        <source>W&amp;hen</source>
        <translation>&amp;Quand</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Close the contact and take the next one</source>
        <translation>Clôturer le contact et prendre le suivant</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Keyboard shortcuts (F1)</source>
        <translation>Raccourcis clavier (F1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The keys of this dialog</source>
        <translation>Les touches de cette fenêtre</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>Follow up at {time}</source>
        <translation>Suivi à {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The centre is closed in two hours.</source>
        <translation>Le centre sera fermé dans deux heures.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Today {time}</source>
        <translation>Aujourd’hui {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tomorrow {time}</source>
        <translation>Demain {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow up on {when}</source>
        <translation>Suivi le {when}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Move to {when}</source>
        <translation>Reporter au {when}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The centre is closed on {day}, a public holiday ({name}).</source>
        <translation>Le centre est fermé le {day}, jour férié ({name}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The centre opens at {time} on {day}.</source>
        <translation>Le centre ouvre à {time} le {day}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The centre closes at {time} on {day}.</source>
        <translation>Le centre ferme à {time} le {day}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The centre is closed all day on {day}.</source>
        <translation>Le centre est fermé toute la journée le {day}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{day} at {time}</source>
        <translation>{day} à {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing is sent from here. To close: {next} (and take the next contact) or {close} (and stay).</source>
        <translation>Rien n’est envoyé d’ici. Pour clôturer&#xa0;: {next} (et prendre le contact suivant) ou {close} (et rester).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Keys of the closing dialog</source>
        <translation>Touches de la clôture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing a contact takes a few keys:</source>
        <translation>Clôturer un contact se fait en quelques touches&#xa0;:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose a reason, an outcome and your assessment.</source>
        <translation>Choisissez un motif, un résultat et votre ressenti.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a reason and an outcome.</source>
        <translation>Choisissez un motif et un résultat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a reason and your assessment.</source>
        <translation>Choisissez un motif et votre ressenti.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an outcome and your assessment.</source>
        <translation>Choisissez un résultat et votre ressenti.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a reason.</source>
        <translation>Choisissez un motif.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an outcome.</source>
        <translation>Choisissez un résultat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose your assessment (keys 1 to 4).</source>
        <translation>Choisissez votre ressenti (touches 1 à 4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No reasons are set up, so the contact cannot be closed: ask an administrator.</source>
        <translation>Aucun motif n’est configuré, le contact ne peut donc pas être clôturé&#xa0;: contactez un administrateur.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The follow-up falls when the centre is closed: choose another time.</source>
        <translation>Le suivi tombe quand le centre est fermé&#xa0;: choisissez un autre moment.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/desk/composer.py" line="+142"/>
        <source>Reply to the customer</source>
        <translation>Réponse au client</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write your reply. Type / and a word at the start of a line to insert a template, or press Ctrl+T to search them all.</source>
        <translation>Rédigez votre réponse. Tapez / suivi d’un mot en début de ligne pour insérer un modèle, ou Ctrl+T pour les chercher tous.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Placeholders to fill</source>
        <translation>Champs à compléter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft status</source>
        <translation>État du brouillon</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Matching templates</source>
        <translation>Modèles correspondants</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Draft restored</source>
        <translation>Brouillon restauré</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The draft could not be read.</source>
        <translation>Impossible de lire le brouillon.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reply sent at {time}.</source>
        <translation>Réponse envoyée à {time}.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not sent: fill in or remove {names} first. The first one is selected — type its value.</source>
        <translation>Non envoyé&#xa0;: complétez ou supprimez d’abord {names}. Le premier est sélectionné — tapez sa valeur.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The reply is empty. Write an answer or insert a template with Ctrl+T.</source>
        <translation>La réponse est vide. Rédigez une réponse ou insérez un modèle avec Ctrl+T.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>To fill before sending: {names} (F8 selects the next one)</source>
        <translation>À compléter avant l’envoi&#xa0;: {names} (F8 sélectionne le suivant)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Draft saved {time}</source>
        <translation>Brouillon enregistré à {time}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Draft not saved — your text is still here</source>
        <translation>Brouillon non enregistré — votre texte est conservé ici</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../ui/shell/connect_dialog.py" line="+50"/>
        <source>Connect to the centre</source>
        <translation>Se connecter au centre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Relais works with your centre&apos;s database. Your administrator gives you its address and your login.</source>
        <translation>Relais travaille avec la base de données de votre centre. Votre administrateur vous en donne l&apos;adresse et votre identifiant.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Why the connection failed</source>
        <translation>Pourquoi la connexion a échoué</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember the password in the system keyring</source>
        <translation>Retenir le mot de passe dans le trousseau du système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember the password</source>
        <translation>Retenir le mot de passe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database:</source>
        <translation>&amp;Base de données&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No system keyring is available: Relais will ask at each start.</source>
        <translation>Aucun trousseau système n&apos;est disponible&#xa0;: Relais le demandera à chaque démarrage.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the demo instead</source>
        <translation>Ouvrir plutôt la démo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>the server</source>
        <translation>le serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database</source>
        <translation>la base de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your login</source>
        <translation>votre identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your password</source>
        <translation>votre mot de passe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fill in {fields}.</source>
        <translation>Indiquez {fields}.</translation>
    </message>
</context>
<context>
    <name>ContactHeader</name>
    <message>
        <location filename="../../ui/desk/contact_parts.py" line="-164"/>
        <source>Contact reference</source>
        <translation>Référence du contact</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{name} &lt;{address}&gt;</source>
        <translation>{name} &lt;{address}&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from {who}</source>
        <translation>de {who}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unknown sender</source>
        <translation>expéditeur inconnu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received {when}</source>
        <translation>reçu&#xa0;: {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>priority {priority}</source>
        <translation>priorité {priority}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>answer due in {duration}</source>
        <translation>réponse attendue dans {duration}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>overdue by {duration}</source>
        <translation>en retard de {duration}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>closed {when}</source>
        <translation>clôturé&#xa0;: {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>follow-up of {reference}</source>
        <translation>suivi de {reference}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>strong dissatisfaction or legal risk</source>
        <translation>forte insatisfaction ou risque juridique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk flag: {reason}</source>
        <translation>Alerte risque&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>ContactPanel</name>
    <message>
        <location filename="../../ui/desk/contact_panel.py" line="+57"/>
        <location line="+138"/>
        <source>Send the reply</source>
        <translation>Envoyer la réponse</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Add the internal note (from elsewhere: go to the note editor)</source>
        <translation>Ajouter la note interne (ailleurs&#xa0;: aller à la saisie de la note)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start or end the call (phone contacts)</source>
        <translation>Démarrer ou terminer l’appel (contacts téléphoniques)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the reply editor</source>
        <translation>Aller à la saisie de la réponse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In the reply: select the next placeholder to fill</source>
        <translation>Dans la réponse&#xa0;: sélectionner le prochain champ à compléter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In the reply: close the template suggestions, keep what you typed</source>
        <translation>Dans la réponse&#xa0;: fermer les suggestions, garder la saisie</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Current contact</source>
        <translation>Contact en cours</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No contact open</source>
        <translation>Aucun contact ouvert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close contact…</source>
        <translation>Clôturer le contact…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the contact with its wrap-up</source>
        <translation>Clôturer le contact et le qualifier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the contact: reason, outcome and your view of the customer</source>
        <translation>Clôturer le contact&#xa0;: motif, résultat et votre ressenti sur le client</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reply and notes</source>
        <translation>Réponse et notes</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Insert template ({keys})</source>
        <translation>Insérer un modèle ({keys})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert a template</source>
        <translation>Insérer un modèle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send ({keys})</source>
        <translation>Envoyer ({keys})</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Internal notes on this contact</source>
        <translation>Notes internes sur ce contact</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New internal note</source>
        <translation>Nouvelle note interne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An internal note for colleagues and supervisors — never sent to the customer.</source>
        <translation>Une note interne pour les collègues et les superviseurs — jamais envoyée au client.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add note ({keys})</source>
        <translation>Ajouter la note ({keys})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add the internal note</source>
        <translation>Ajouter la note interne</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+222"/>
        <source>Internal notes</source>
        <translation>Notes internes</translation>
    </message>
    <message>
        <location line="-146"/>
        <location line="+5"/>
        <source>Loading the contact…</source>
        <translation>Chargement du contact…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No contact open — press Ctrl+N to take the next one.</source>
        <translation>Aucun contact ouvert — appuyez sur Ctrl+N pour prendre le suivant.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Internal notes ({count})</source>
        <translation>Notes internes ({count})</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This contact is closed: you can read it, not reply or add notes.</source>
        <translation>Ce contact est clôturé&#xa0;: vous pouvez le lire, mais pas y répondre ni ajouter de note.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This contact is waiting in the queue: take it (Enter in the queue) to reply.</source>
        <translation>Ce contact est en file d’attente&#xa0;: prenez-le (touche Entrée dans la file d’attente) pour y répondre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another advisor is handling this contact: you can read it, not reply or add notes.</source>
        <translation>Un autre conseiller traite ce contact&#xa0;: vous pouvez le lire, mais pas y répondre ni ajouter de note.</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Write the note first.</source>
        <translation>Rédigez d’abord la note.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Adding the note…</source>
        <translation>Ajout de la note…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Note added at {time} (taken during the call).</source>
        <translation>Note ajoutée à {time} (prise pendant l’appel).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note added at {time}.</source>
        <translation>Note ajoutée à {time}.</translation>
    </message>
</context>
<context>
    <name>ContactViewerDialog</name>
    <message>
        <location filename="../../ui/desk/thread_view.py" line="+693"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past contact</source>
        <translation>Contact passé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read only: this is the record of the contact.</source>
        <translation>Lecture seule&#xa0;: ceci est l’historique du contact.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading the contact…</source>
        <translation>Chargement du contact…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close the contact view</source>
        <translation>Fermer la vue du contact</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Contact {reference}</source>
        <translation>Contact {reference}</translation>
    </message>
</context>
<context>
    <name>CustomerEditDialog</name>
    <message>
        <location filename="../../ui/desk/customer_edit.py" line="+71"/>
        <source>Edit {name}</source>
        <translation>Modifier {name}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Postal address</source>
        <translation>Adresse postale</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Account number</source>
        <translation>Numéro de compte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save the profile</source>
        <translation>&amp;Enregistrer le profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the profile</source>
        <translation>Enregistrer le profil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;First name</source>
        <translation>&amp;Prénom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Last name</source>
        <translation>N&amp;om</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lan&amp;guage</source>
        <translation>Lan&amp;gue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal &amp;address</source>
        <translation>&amp;Adresse postale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acc&amp;ount number</source>
        <translation>N&amp;uméro de compte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ways to reach and recognise them</source>
        <translation>Moyens de le joindre et de le reconnaître</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind of the new identity</source>
        <translation>Type du nouvel identifiant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New identity</source>
        <translation>Nouvel identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>06 12 34 56 78, name@example.com, @handle</source>
        <translation>06 12 34 56 78, nom@exemple.fr, @pseudo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;dd</source>
        <translation>A&amp;jouter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add this identity</source>
        <translation>Ajouter cet identifiant</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{kind}: {value}</source>
        <translation>{kind}&#xa0;: {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct</source>
        <translation>Corriger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the correction of {value}</source>
        <translation>Enregistrer la correction de {value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove {value}</source>
        <translation>Retirer {value}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No phone, e-mail or handle yet.</source>
        <translation>Aucun téléphone, e-mail ni pseudo pour l’instant.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Added.</source>
        <translation>Ajouté.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adding…</source>
        <translation>Ajout…</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+57"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Corrected.</source>
        <translation>Corrigé.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove an identity</source>
        <translation>Retirer un identifiant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove {value} from {name}? Messages and calls from it will no longer find this customer by themselves.</source>
        <translation>Retirer {value} de {name}&#xa0;? Les messages et appels venant de là ne retrouveront plus ce client d’eux-mêmes.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Removing…</source>
        <translation>Retrait…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed.</source>
        <translation>Retiré.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Nothing changed in the profile.</source>
        <translation>Rien n’a changé dans le profil.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Profile saved; it reaches the centre with the next sync.</source>
        <translation>Profil enregistré&#xa0;; il parviendra au centre à la prochaine synchronisation.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>them</source>
        <translation>ce client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open {name}</source>
        <translation>&amp;Ouvrir {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open {name}</source>
        <translation>Ouvrir {name}</translation>
    </message>
</context>
<context>
    <name>CustomerMatchModel</name>
    <message>
        <location filename="../../ui/desk/customer_match_model.py" line="+82"/>
        <source>Found as {name}, merged into this record</source>
        <translation>Trouvé comme {name}, fusionné dans cette fiche</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{segment}: kept apart from the others</source>
        <translation>{segment}&#xa0;: tenu à part des autres</translation>
    </message>
</context>
<context>
    <name>CustomerMergeDialog</name>
    <message>
        <location filename="../../ui/desk/customer_merge.py" line="+49"/>
        <source>Merge with {name}</source>
        <translation>Fusionner avec {name}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Find the other record of {name}. Its contacts and identities move here; the other record is kept, marked merged into this one, and the merge can be undone.</source>
        <translation>Trouvez l’autre fiche de {name}. Ses contacts et identifiants viennent ici&#xa0;; l’autre fiche est conservée, marquée comme fusionnée dans celle-ci, et la fusion peut être annulée.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+23"/>
        <source>Choose the other record in the list.</source>
        <translation>Choisissez l’autre fiche dans la liste.</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge the chosen record into this customer</source>
        <translation>Fusionner la fiche choisie dans ce client</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>This is the customer on screen: choose their other record.</source>
        <translation>C’est le client affiché&#xa0;: choisissez son autre fiche.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Asking the centre what would move…</source>
        <translation>Le centre calcule ce qui serait déplacé…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{source} will be merged into {into}:</source>
        <translation>{source} sera fusionné dans {into}&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} contact(s) move, {open} of them still open.</source>
        <translation>{count} contact(s) déplacé(s), dont {open} encore ouvert(s).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Identities that move: {list}.</source>
        <translation>Identifiants déplacés&#xa0;: {list}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No identity moves.</source>
        <translation>Aucun identifiant n’est déplacé.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Merging…</source>
        <translation>Fusion…</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../ui/desk/customer_panel.py" line="+118"/>
        <source>Select a contact to see its customer here.</source>
        <translation>Sélectionnez un contact pour afficher son client ici.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Edit customer…</source>
        <translation>&amp;Modifier le client…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the customer&apos;s profile and identities</source>
        <translation>Modifier le profil et les identifiants du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the profile and identities (Ctrl+E)</source>
        <translation>Modifier le profil et les identifiants (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Merge with…</source>
        <translation>F&amp;usionner avec…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merge another record of this customer into it</source>
        <translation>Fusionner une autre fiche de ce client dans celle-ci</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Contact history, newest first</source>
        <translation>Historique des contacts, du plus récent au plus ancien</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+191"/>
        <source>No customer has this address yet. Find the customer to link this contact to them (the address is then remembered), or create a new customer.</source>
        <translation>Aucun client n’a encore cette adresse. Recherchez le client pour lui rattacher ce contact (l’adresse sera alors mémorisée), ou créez un nouveau client.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>No customer has this number yet. Find the customer to link this call to them (the number is then remembered), or create a new customer.</source>
        <translation>Aucun client n’a encore ce numéro. Recherchez le client pour lui rattacher cet appel (le numéro sera alors mémorisé), ou créez un nouveau client.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown caller: &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>Appelant inconnu&#xa0;: &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown caller (number withheld)</source>
        <translation>Appelant inconnu (numéro masqué)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unidentified sender: &lt;b&gt;{name}&lt;/b&gt; &amp;lt;{address}&amp;gt;</source>
        <translation>Expéditeur non identifié&#xa0;: &lt;b&gt;{name}&lt;/b&gt; &amp;lt;{address}&amp;gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unidentified sender: &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>Expéditeur non identifié&#xa0;: &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unidentified sender on {channel}</source>
        <translation>Expéditeur non identifié sur {channel}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Take the contact to link it to a customer.</source>
        <translation>Prenez le contact pour le rattacher à un client.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This record was merged into {name}: its contacts and identities are there now.</source>
        <translation>Cette fiche a été fusionnée dans {name}&#xa0;: ses contacts et identifiants s’y trouvent désormais.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open {name}</source>
        <translation>&amp;Ouvrir {name}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{source} was merged into this record on {date} by {who} ({contacts} contacts, {identities} identities).</source>
        <translation>{source} a été fusionné dans cette fiche le {date} par {who} ({contacts} contacts, {identities} identifiants).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} merges in all.</source>
        <translation>{count} fusions en tout.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo merge</source>
        <translation>&amp;Annuler la fusion</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Undo merge</source>
        <translation>Annuler la fusion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put back the other record with exactly the contacts and identities that moved? Contacts this customer got since stay here.</source>
        <translation>Rétablir l’autre fiche avec exactement les contacts et identifiants déplacés&#xa0;? Les contacts reçus depuis par ce client restent ici.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>This customer could not be shown.</source>
        <translation>Impossible d’afficher ce client.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No contact yet.</source>
        <translation>Aucun contact pour le moment.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 contact since {since} · no survey answer yet</source>
        <translation>1 contact depuis {since} · aucune réponse à l’enquête</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} contacts since {since} · no survey answer yet</source>
        <translation>{count} contacts depuis {since} · aucune réponse à l’enquête</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 contact since {since} · last survey {score}/4</source>
        <translation>1 contact depuis {since} · dernière enquête {score}/4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} contacts since {since} · last survey {score}/4</source>
        <translation>{count} contacts depuis {since} · dernière enquête {score}/4</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
</context>
<context>
    <name>CustomerSearchBox</name>
    <message>
        <location filename="../../ui/desk/customer_link.py" line="+123"/>
        <source>Name, phone, e-mail, @handle or account number</source>
        <translation>Nom, téléphone, e-mail, @identifiant ou n° de compte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search for a customer</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customers found</source>
        <translation>Clients trouvés</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+48"/>
        <source>Type at least two characters.</source>
        <translation>Tapez au moins deux caractères.</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No customer matches “{text}”.</source>
        <translation>Aucun client ne correspond à «&#xa0;{text}&#xa0;».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 customer found.</source>
        <translation>1 client trouvé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first {count} customers found: type more to narrow it.</source>
        <translation>Les {count} premiers clients trouvés&#xa0;: précisez la recherche pour affiner.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} customers found.</source>
        <translation>{count} clients trouvés.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(Offline: searched this workstation&apos;s copy only.)</source>
        <translation>(Hors ligne&#xa0;: recherche dans la copie de ce poste uniquement.)</translation>
    </message>
</context>
<context>
    <name>CustomerSearchDialog</name>
    <message>
        <location line="+321"/>
        <location line="+1"/>
        <source>Find a customer</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open history</source>
        <translation>&amp;Ouvrir l’historique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the selected customer&apos;s history</source>
        <translation>Ouvrir l’historique du client sélectionné</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../ui/backoffice/dashboard.py" line="+58"/>
        <source>Mon</source>
        <translation>lun.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>mar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>mer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>jeu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>ven.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>sam.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>dim.</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+28"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>To (included)</source>
        <translation>Au (inclus)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+111"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Every channel</source>
        <translation>Tous les canaux</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Compute</source>
        <translation>Ca&amp;lculer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Computing the indicators</source>
        <translation>Calcul des indicateurs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E&amp;xport…</source>
        <translation>Expor&amp;ter…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make it the team&apos;s &amp;focus</source>
        <translation>En faire la &amp;priorité de l’équipe</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Indicators</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+216"/>
        <source>This period</source>
        <translation>Cette période</translation>
    </message>
    <message>
        <location line="-215"/>
        <location line="+216"/>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <location line="-215"/>
        <source>Change</source>
        <translation>Évolution</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Contacts received per channel</source>
        <translation>Contacts reçus par canal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contacts received per channel, this period and the previous</source>
        <translation>Contacts reçus par canal, sur cette période et la précédente</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Incidents: contacts tagged per hour</source>
        <translation>Incidents&#xa0;: contacts rattachés par heure</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Volume of the incidents of the period</source>
        <translation>Volume des incidents de la période</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Arrivals per weekday and hour</source>
        <translation>Arrivées par jour de la semaine et par heure</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Click an indicator, a bar or a cell to list its contacts.</source>
        <translation>Cliquez sur un indicateur, une barre ou une case pour afficher ses contacts.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contacts behind the figure</source>
        <translation>Contacts correspondants</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Advisor</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measure</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s words</source>
        <translation>Paroles du client</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What the dashboard shows</source>
        <translation>Contenu du tableau de bord</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Computing on the centre…</source>
        <translation>Calcul en cours auprès du centre…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Computed at {when} · times in {zone} · click a figure for its contacts</source>
        <translation>Calculé à {when} · fuseau horaire {zone} · cliquez sur un chiffre pour voir ses contacts</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{n} contacts</source>
        <translation>{n} contacts</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{title} ({total} contacts)</source>
        <translation>{title} ({total} contacts)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{day} {hour}:00–{hour}:59 · {count} contacts (previous period {previous})</source>
        <translation>{day} {hour}&#xa0;h–{hour}&#xa0;h&#xa0;59 · {count} contacts (période précédente&#xa0;: {previous})</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Received on {channel}</source>
        <translation>Reçus sur le canal {channel}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Received on {day} between {hour}:00 and {hour}:59</source>
        <translation>Reçus le {day} entre {hour}&#xa0;h et {hour}&#xa0;h&#xa0;59</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{shown} of {total} contacts</source>
        <translation>{shown} contacts sur {total}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export the indicators</source>
        <translation>Exporter les indicateurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Indicators exported to {path}.</source>
        <translation>Indicateurs exportés dans {path}.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>“{label}” is now the team&apos;s focus: every advisor sees it on their status bar.</source>
        <translation>«&#xa0;{label}&#xa0;» est désormais l’indicateur prioritaire de l’équipe&#xa0;: chaque conseiller le voit dans sa barre d’état.</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Shown on every advisor&apos;s status bar, with its value.</source>
        <translation>Affiché dans la barre d’état de chaque conseiller, avec sa valeur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose in the table the indicator the team should follow; this one cannot be.</source>
        <translation>Choisissez dans le tableau l’indicateur que l’équipe suivra&#xa0;; celui-ci ne peut pas l’être.</translation>
    </message>
    <message>
        <location line="-431"/>
        <location line="+436"/>
        <source>Choose in the table the indicator the team should follow.</source>
        <translation>Choisissez dans le tableau l’indicateur que l’équipe suivra.</translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message>
        <location filename="../../ui/common/texts.py" line="+33"/>
        <source>the customer&apos;s mail server refused it</source>
        <translation>le serveur de messagerie du client l’a refusée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the mail server asked to try again later</source>
        <translation>le serveur de messagerie a demandé de réessayer plus tard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the mail server could not be reached</source>
        <translation>le serveur de messagerie est injoignable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the mail server refused the connector&apos;s login</source>
        <translation>le serveur de messagerie a refusé l’identifiant du connecteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it came back undelivered</source>
        <translation>elle est revenue non distribuée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it could not be sent within a day</source>
        <translation>elle n’a pas pu partir en un jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the customer&apos;s address is not a valid one</source>
        <translation>l’adresse du client n’est pas valide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no address is known for this customer on the channel</source>
        <translation>aucune adresse n&apos;est connue pour ce client sur ce canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the platform refused it</source>
        <translation>la plateforme l&apos;a refusée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the platform asked to wait before sending more</source>
        <translation>la plateforme a demandé d&apos;attendre avant d&apos;envoyer davantage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the platform could not be reached</source>
        <translation>la plateforme n&apos;a pas pu être jointe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the platform refused the connector&apos;s access token</source>
        <translation>la plateforme a refusé le jeton d&apos;accès du connecteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the channel gave no reason</source>
        <translation>le canal n’a pas donné de raison</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../ui/desk/desk.py" line="+74"/>
        <source>Take another contact?</source>
        <translation>Prendre un autre contact&#xa0;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are working on contact {reference}.</source>
        <translation>Vous traitez le contact {reference}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Take another contact as well? Both stay yours; close this one first if you can.</source>
        <translation>Prendre aussi un autre contact&#xa0;? Les deux restent à vous&#xa0;; clôturez d’abord celui-ci si vous le pouvez.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stay on {reference}</source>
        <translation>Rester sur {reference}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take another</source>
        <translation>En prendre un autre</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>Next contact</source>
        <translation>Contact suivant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert template</source>
        <translation>Insérer un modèle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close contact</source>
        <translation>Clôturer le contact</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find a customer</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the queue</source>
        <translation>Aller à la file d’attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the contact</source>
        <translation>Aller au contact</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to the customer</source>
        <translation>Aller au client</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh the queue</source>
        <translation>Actualiser la file d’attente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log a phone call…</source>
        <translation>Saisir un appel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put back in the queue</source>
        <translation>Remettre dans la file</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Take the selected contact, or open the selected past contact</source>
        <translation>Prendre le contact ou ouvrir le contact passé sélectionné</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At the start of a line in a reply: search templates as you type</source>
        <translation>En début de ligne d’une réponse&#xa0;: chercher un modèle en tapant</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Still waiting for the centre to hand you a contact…</source>
        <translation>Le centre ne vous a pas encore attribué de contact, patientez…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Taking the next contact…</source>
        <translation>Prise du contact suivant…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Open one of your contacts first.</source>
        <translation>Ouvrez d’abord l’un de vos contacts.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Contact {reference} is back in the queue.</source>
        <translation>Le contact {reference} est de retour dans la file.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Contact {reference} is now yours and waits in your queue; open it when you are done with this one.</source>
        <translation>Le contact {reference} vous est maintenant attribué et vous attend dans votre file&#xa0;; ouvrez-le quand vous aurez fini celui-ci.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Offline: new contacts can be taken when the centre answers again. Your contacts stay workable; log a call with Ctrl+Shift+L.</source>
        <translation>Hors ligne&#xa0;: vous pourrez prendre de nouveaux contacts quand le centre répondra. Vos contacts restent traitables&#xa0;; saisissez un appel avec Ctrl+Maj+L.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The queue is empty. Well done!</source>
        <translation>La file d’attente est vide. Bravo&#xa0;!</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are handling contact {reference}.</source>
        <translation>Vous traitez le contact {reference}.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Your contact {held} is not in this list: the filter leaves it out.</source>
        <translation>Votre contact {held} n’est pas dans cette liste&#xa0;: le filtre l’écarte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show it</source>
        <translation>L’afficher</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>You are looking at {shown}, read-only. You are working on {held}.</source>
        <translation>Vous consultez {shown}, en lecture seule. Vous traitez {held}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back to {held} ({keys})</source>
        <translation>Revenir à {held} ({keys})</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Pinned: {name} — not the customer of contact {reference} ({sender}).</source>
        <translation>Épinglé&#xa0;: {name} — ce n’est pas le client du contact {reference} ({sender}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a customer you searched for</source>
        <translation>un client recherché</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show {sender}</source>
        <translation>Afficher {sender}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Go back to {held} ({keys}) to close it.</source>
        <translation>Revenez à {held} ({keys}) pour le clôturer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Take a contact first: there is nothing of yours to close.</source>
        <translation>Prenez d’abord un contact&#xa0;: vous n’avez rien à clôturer.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reply not sent</source>
        <translation>Réponse non envoyée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your reply to this contact has not been sent.</source>
        <translation>Votre réponse à ce contact n’a pas été envoyée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the contact anyway? The reply will be lost.</source>
        <translation>Clôturer le contact quand même&#xa0;? La réponse sera perdue.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to the reply</source>
        <translation>Revenir à la réponse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without sending</source>
        <translation>Clôturer sans envoyer</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Contact {reference} closed. Follow-up planned for {when}.</source>
        <translation>Contact {reference} clôturé. Suivi prévu&#xa0;: {when}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contact {reference} closed.</source>
        <translation>Contact {reference} clôturé.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Incoming call: opening the caller&apos;s contact…</source>
        <translation>Appel entrant&#xa0;: ouverture du contact de l&apos;appelant…</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../ui/common/texts.py" line="+17"/>
        <source>{sign}{s} s</source>
        <translation>{sign}{s} s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{sign}{m} min</source>
        <translation>{sign}{m} min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{sign}{h} h {m:02d}</source>
        <translation>{sign}{h} h {m:02d}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{sign}{d} d {h} h</source>
        <translation>{sign}{d} j {h} h</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location line="-96"/>
        <source>Something went wrong on our side. What you wrote is kept.
If it happens again, give your supervisor this reference: {reference}.</source>
        <translation>Un problème est survenu de notre côté. Ce que vous avez écrit est conservé.
Si cela se reproduit, donnez cette référence à votre superviseur&#xa0;: {reference}.</translation>
    </message>
    <message>
        <location filename="../../ui/entry.py" line="+93"/>
        <source>Relais stopped on an unexpected error (reference {reference}); the details are in the log file {path}.</source>
        <translation>Relais s’est arrêté sur une erreur inattendue (référence {reference})&#xa0;; le détail est dans le journal {path}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Relais stopped on an unexpected error (reference {reference}); no log file could be written, so make {path} writable to keep the details next time.</source>
        <translation>Relais s’est arrêté sur une erreur inattendue (référence {reference})&#xa0;; aucun journal n’a pu être écrit&#xa0;: rendez {path} accessible en écriture pour en garder le détail la prochaine fois.</translation>
    </message>
</context>
<context>
    <name>FocusLabel</name>
    <message>
        <location filename="../../ui/shell/focus_label.py" line="+28"/>
        <source>The team&apos;s focus indicator</source>
        <translation>Indicateur prioritaire de l’équipe</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Focus: {label} {value}</source>
        <translation>Priorité de l’équipe&#xa0;: {label} {value}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{label} over the last 7 days ({n} contacts), beside the 7 days before ({before}). Your team follows it since {since}.</source>
        <translation>{label} sur les 7 derniers jours ({n} contacts), contre {before} les 7 jours précédents. Votre équipe le suit depuis le {since}.</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <location filename="../../ui/backoffice/board_models.py" line="+94"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned by</source>
        <translation>Prévu par</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{when} (overdue {late})</source>
        <translation>{when} (en retard de {late})</translation>
    </message>
</context>
<context>
    <name>HeldModel</name>
    <message>
        <location line="-38"/>
        <source>Advisor</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held for</source>
        <translation>Pris depuis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lease until</source>
        <translation>Réservé jusqu’à</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../ui/shell/help_dialog.py" line="+35"/>
        <source>In the closing dialog (Ctrl+Return from the window)</source>
        <translation>Dans la clôture d’un contact (Ctrl+Entrée depuis la fenêtre)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Everything in Relais works from the keyboard. The shortcuts:</source>
        <translation>Tout Relais s’utilise au clavier. Les raccourcis&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shortcut list</source>
        <translation>Liste des raccourcis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/desk/history_model.py" line="+48"/>
        <source>{score} — {label}</source>
        <translation>{score} — {label}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeling</source>
        <translation>Ressenti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Survey</source>
        <translation>Enquête</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handled by</source>
        <translation>Traité par</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How satisfied the advisor believed the customer was (1–4)</source>
        <translation>Satisfaction du client selon le conseiller (1–4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s own survey answer (1–4), when they answered one</source>
        <translation>Réponse du client à l’enquête (1–4), s’il y a répondu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The advisor who closed the contact</source>
        <translation>Le conseiller qui a clôturé le contact</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>{reason} · {outcome} · {advisor}</source>
        <translation>{reason} · {outcome} · {advisor}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The advisor felt {advisor} but the customer answered {customer}: a gap of {gap} points.</source>
        <translation>Le conseiller a estimé {advisor}, mais le client a répondu {customer}&#xa0;: un écart de {gap} points.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The customer did not answer a survey for this contact.</source>
        <translation>Le client n’a pas répondu à l’enquête pour ce contact.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reference {reference}</source>
        <translation>Référence {reference}</translation>
    </message>
</context>
<context>
    <name>IdentityCard</name>
    <message>
        <location filename="../../ui/desk/customer_card.py" line="+120"/>
        <source>Loading the customer…</source>
        <translation>Chargement du client…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{language} · {segment} · Account {account}</source>
        <translation>{language} · {segment} · Compte {account}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{language} · {segment} · No betting account</source>
        <translation>{language} · {segment} · Sans compte de paris</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tag: {tag}</source>
        <translation>Étiquette&#xa0;: {tag}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{kind}: {value}</source>
        <translation>{kind}&#xa0;: {value}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
</context>
<context>
    <name>IdentityKind</name>
    <message>
        <location filename="../../ui/desk/customer_link.py" line="+50"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
</context>
<context>
    <name>IncidentBanner</name>
    <message>
        <location filename="../../ui/shell/incident_banner.py" line="+24"/>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>since {start}</source>
        <translation>depuis {start}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expected end {end}</source>
        <translation>fin prévue&#xa0;: {end}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Template to use: “{title}” (offered first)</source>
        <translation>Modèle à utiliser&#xa0;: «&#xa0;{title}&#xa0;» (proposé en premier)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Service incident</source>
        <translation>Incident de service</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tag my contact to it</source>
        <translation>Rattacher mon contact</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counts the contact you are working in this incident</source>
        <translation>Compte le contact que vous traitez dans cet incident</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>End the incident</source>
        <translation>Mettre fin à l’incident</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Take a contact first: the tag goes on the contact you work.</source>
        <translation>Prenez d’abord un contact&#xa0;: le rattachement porte sur le contact que vous traitez.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Contact tagged to “{title}”.</source>
        <translation>Contact rattaché à «&#xa0;{title}&#xa0;».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This contact could not be tagged: it is no longer yours.</source>
        <translation>Ce contact n’a pas pu être rattaché&#xa0;: il n’est plus à vous.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Incident “{title}” ended.</source>
        <translation>Incident «&#xa0;{title}&#xa0;» terminé.</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <location filename="../../ui/backoffice/incident_dialog.py" line="+51"/>
        <source>Publish an incident</source>
        <translation>Publier un incident</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Online payment unavailable</source>
        <translation>ex.&#xa0;: Paiement en ligne indisponible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident title</source>
        <translation>Titre de l’incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What advisors should tell customers, and what not to promise</source>
        <translation>Ce que les conseillers doivent dire aux clients, et ce qu’il ne faut pas promettre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message to advisors</source>
        <translation>Message aux conseillers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Message</source>
        <translation>&amp;Message</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Template offered first</source>
        <translation>Modèle proposé en premier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tem&amp;plate</source>
        <translation>Modè&amp;le</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected end known</source>
        <translation>Fin prévue connue</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>Expected end</source>
        <translation>Fin prévue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Publish to every workstation</source>
        <translation>&amp;Publier sur tous les postes</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../../ui/common/indicator_text.py" line="+31"/>
        <source>{arrow} {change:+.0f} pts</source>
        <translation>{arrow} {change:+.0f}&#xa0;pts</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../ui/common/texts.py" line="-5"/>
        <source>en</source>
        <translation>fr</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message>
        <location filename="../../ui/desk/reply_feedback.py" line="+34"/>
        <source>Length of the reply</source>
        <translation>Longueur de la réponse</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{used} / {limit} · {excess} too many</source>
        <translation>{used} / {limit} · {excess} de trop</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{used} / {limit}</source>
        <translation>{used} / {limit}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{channel} accepts up to {limit} bytes in a reply: a letter takes 1, an accented letter 2, an emoji 4.</source>
        <translation>{channel} accepte jusqu’à {limit} octets par réponse&#xa0;: une lettre en prend 1, une lettre accentuée 2, un émoji 4.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{channel} accepts up to {limit} characters in a reply.</source>
        <translation>{channel} accepte jusqu’à {limit} caractères par réponse.</translation>
    </message>
</context>
<context>
    <name>LetterPrint</name>
    <message>
        <location filename="../../ui/desk/letter_print.py" line="+31"/>
        <source>No postal address on file</source>
        <translation>Aucune adresse postale au dossier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference: {reference}</source>
        <translation>Référence&#xa0;: {reference}</translation>
    </message>
</context>
<context>
    <name>LetterPrinter</name>
    <message>
        <location line="+52"/>
        <location line="+28"/>
        <source>Letter not made</source>
        <translation>Courrier non créé</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Letter made, not marked sent</source>
        <translation>Courrier créé, non marqué envoyé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is ready to print, but the centre could not be told: {why}</source>
        <translation>{path} est prêt à imprimer, mais le centre n’a pas pu en être informé&#xa0;: {why}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{path} is ready to print; the reply is marked sent.</source>
        <translation>{path} est prêt à imprimer&#xa0;; la réponse est marquée envoyée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is ready to print. The reply was marked sent before, or has not reached the centre yet: print again once it has to mark it.</source>
        <translation>{path} est prêt à imprimer. La réponse était déjà marquée envoyée, ou n’a pas encore atteint le centre&#xa0;: imprimez à nouveau quand ce sera fait pour la marquer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Letter ready</source>
        <translation>Courrier prêt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save the letter to print</source>
        <translation>Enregistrer le courrier à imprimer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>LinkCustomerWidget</name>
    <message>
        <location filename="../../ui/desk/customer_link.py" line="-254"/>
        <source>&amp;Link to this customer</source>
        <translation>&amp;Lier à ce client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link this contact to the selected customer</source>
        <translation>Lier ce contact au client sélectionné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a &amp;new customer…</source>
        <translation>Créer un &amp;nouveau client…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new customer from this sender</source>
        <translation>Créer un nouveau client à partir de cet expéditeur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Create and link</source>
        <translation>Créer et l&amp;ier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the customer and link this contact</source>
        <translation>Créer le client et lui lier ce contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to search</source>
        <translation>Retour à la recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the customer search</source>
        <translation>Retour à la recherche de client</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
</context>
<context>
    <name>LogCallDialog</name>
    <message>
        <location filename="../../ui/desk/log_call_dialog.py" line="+23"/>
        <source>Log a phone call</source>
        <translation>Saisir un appel téléphonique</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caller&apos;s number</source>
        <translation>Numéro de l&apos;appelant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 06 12 34 56 78 — empty if withheld</source>
        <translation>ex. 06 12 34 56 78 — vide si masqué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject of the call</source>
        <translation>Objet de l&apos;appel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What to correct</source>
        <translation>Ce qui est à corriger</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Caller&apos;s &amp;number:</source>
        <translation>&amp;Numéro de l&apos;appelant&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Objet&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Open the contact</source>
        <translation>Ouvrir le contact</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The call is recorded as yours at once, on this workstation, and reaches the centre with your other changes.</source>
        <translation>L&apos;appel vous est attribué tout de suite, sur ce poste, et rejoint le centre avec vos autres modifications.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“{number}” is not a phone number: check it, or leave it empty.</source>
        <translation>«&#xa0;{number}&#xa0;» n&apos;est pas un numéro de téléphone&#xa0;: vérifiez-le, ou laissez le champ vide.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/application.py" line="+81"/>
        <source>Relais cannot start</source>
        <translation>Relais ne peut pas démarrer</translation>
    </message>
    <message>
        <location line="+195"/>
        <source>Could not write the screenshot to {path}.</source>
        <translation>Impossible d’écrire la capture d’écran dans {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="+103"/>
        <location line="+396"/>
        <source>Relais</source>
        <translation>Relais</translation>
    </message>
    <message>
        <location line="-391"/>
        <source>Opening your workspace…</source>
        <translation>Ouverture de votre espace de travail…</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+140"/>
        <source>Supervisor</source>
        <translation>Superviseur</translation>
    </message>
    <message>
        <location line="-140"/>
        <location line="+140"/>
        <source>Advisor</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Relais — {name} ({role}, {team})</source>
        <translation>Relais — {name} ({role}, {team})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Connection to the centre</source>
        <translation>Connexion au centre</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>My calibration…</source>
        <translation>Ma calibration…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My evaluations…</source>
        <translation>Mes évaluations…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes that did not go through…</source>
        <translation>Modifications non passées…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a screenshot…</source>
        <translation>Enregistrer une capture d’écran…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish an incident…</source>
        <translation>Publier un incident…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import survey answers…</source>
        <translation>Importer des réponses d’enquête…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+85"/>
        <source>Supervisor&apos;s desk</source>
        <translation>Espace superviseur</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Main actions</source>
        <translation>Actions principales</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} · {role} · {team}</source>
        <translation>{name} · {role} · {team}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signed in as</source>
        <translation>Connecté en tant que</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Relais</source>
        <translation>&amp;Relais</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+216"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="-212"/>
        <source>Follow the system</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Contact</source>
        <translation>&amp;Contact</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Team</source>
        <translation>É&amp;quipe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Go</source>
        <translation>Na&amp;vigation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Advisor&apos;s desk</source>
        <translation>Espace conseiller</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>My calibration</source>
        <translation>Ma calibration</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Embedded demo database</source>
        <translation>Base de démonstration intégrée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Centre: {where}</source>
        <translation>Centre&#xa0;: {where}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database in use</source>
        <translation>Base de données utilisée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting to the centre…</source>
        <translation>Connexion au centre…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection and changes waiting to sync</source>
        <translation>Connexion et modifications en attente de synchronisation</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <location line="+36"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n modification en attente</numerusform>
            <numerusform>%n modifications en attente</numerusform>
        </translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Online — all changes sent</source>
        <translation>En ligne — tout est envoyé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online — syncing, {waiting}</source>
        <translation>En ligne — synchronisation, {waiting}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offline since {time} — {waiting}</source>
        <translation>Hors ligne depuis {time} — {waiting}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n refused by the centre</source>
        <translation>
            <numerusform>%n refusée par le centre</numerusform>
            <numerusform>%n refusées par le centre</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The centre refused some changes; they are kept on this workstation. Your supervisor can see them.</source>
        <translation>Le centre a refusé certaines modifications&#xa0;; elles sont conservées sur ce poste. Votre superviseur peut les consulter.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not synchronising since {time}: {problem}</source>
        <translation>Pas de synchronisation depuis {time}&#xa0;: {problem}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offline since {time}: the centre does not answer. Keep working — the contacts you hold, notes, replies and closes are kept here and sent when it returns ({waiting}). Customer search uses this workstation&apos;s copy. A new phone call can be logged with Ctrl+Shift+L.</source>
        <translation>Hors ligne depuis {time}&#xa0;: le centre ne répond pas. Continuez à travailler — vos contacts en cours, notes, réponses et clôtures sont conservés ici et envoyés à son retour ({waiting}). La recherche de clients utilise la copie de ce poste. Un nouvel appel se saisit avec Ctrl+Maj+L.</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Work in progress</source>
        <translation>Traitement en cours</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Working…</source>
        <translation>Traitement…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The new language applies the next time Relais starts.</source>
        <translation>La nouvelle langue s’appliquera au prochain démarrage de Relais.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save a screenshot</source>
        <translation>Enregistrer une capture d’écran</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>MyEvaluations</name>
    <message>
        <location filename="../../ui/backoffice/my_evaluations.py" line="+40"/>
        <source>My evaluations</source>
        <translation>Mes évaluations</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>My evaluated contacts</source>
        <translation>Mes contacts évalués</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The evaluations of this contact</source>
        <translation>Les évaluations de ce contact</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your answer: why you agree, or why you contest it</source>
        <translation>Votre réponse&#xa0;: pourquoi vous acceptez l’évaluation, ou pourquoi vous la contestez</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your answer to the evaluation</source>
        <translation>Votre réponse à l’évaluation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I &amp;agree</source>
        <translation>&amp;J’accepte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I &amp;contest it</source>
        <translation>Je con&amp;teste</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>to answer</source>
        <translation>réponse attendue</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>None of your contacts has been evaluated yet.</source>
        <translation>Aucun de vos contacts n’a encore été évalué.</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <location filename="../../ui/common/texts.py" line="+36"/>
        <source>Resolved at first contact</source>
        <translation>Résolu au premier contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up needed</source>
        <translation>Suivi nécessaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transferred to another team</source>
        <translation>Transféré à une autre équipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated to back office</source>
        <translation>Transmis au back-office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No answer needed</source>
        <translation>Aucune réponse nécessaire</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <location line="+41"/>
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/desk/queue_model.py" line="+347"/>
        <source>{column}
The queue is ordered by priority, then by due time, for everyone: it cannot be sorted by another column.</source>
        <extracomment>Shown in the text columns of a row whose page has not arrived yet.</extracomment>
        <translation>{column}
La file est triée par priorité, puis par échéance, pour tout le monde&#xa0;: elle ne peut pas être triée selon une autre colonne.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Priority: {priority}</source>
        <translation>Priorité&#xa0;: {priority}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Risk: {reason}</source>
        <translation>Risque&#xa0;: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk: strong dissatisfaction or legal risk detected.</source>
        <translation>Risque&#xa0;: forte insatisfaction ou risque juridique détecté.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Risk flagged</source>
        <translation>Risque signalé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown sender</source>
        <translation>Expéditeur inconnu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unidentified sender</source>
        <translation>Expéditeur non identifié</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Follow-up of {reference}: {subject}</source>
        <translation>Suivi de {reference}&#xa0;: {subject}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Follow-up of {reference}</source>
        <translation>Suivi de {reference}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Received {time}</source>
        <translation>Reçu&#xa0;: {time}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>overdue {duration}</source>
        <translation>retard {duration}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due at {time}, in {duration}</source>
        <translation>prévu à {time}, dans {duration}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overdue by {duration}: it was due {time}.</source>
        <translation>En retard de {duration} (échéance&#xa0;: {time}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Due {time}</source>
        <translation>Échéance&#xa0;: {time}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>With you</source>
        <translation>Vous</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In progress with you</source>
        <translation>En cours avec vous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress with {name}</source>
        <translation>En cours avec {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planned: enters the queue at {time}</source>
        <translation>Prévu&#xa0;: entre dans la file à {time}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue: in the queue, it can be taken now</source>
        <translation>En retard&#xa0;: dans la file, il peut être pris dès maintenant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In progress: you took this contact.</source>
        <translation>En cours&#xa0;: vous avez pris ce contact.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress with {name}.</source>
        <translation>En cours, traité par {name}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Planned: it enters the queue at {time}, and can be taken from then on.</source>
        <translation>Prévu&#xa0;: il entre dans la file à {time} et pourra être pris dès lors.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue: it is in the queue and can be taken now.</source>
        <translation>En retard&#xa0;: il est dans la file et peut être pris dès maintenant.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk</source>
        <translation>Risque</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>Attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due in</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How the customer reached us.</source>
        <translation>Comment le client nous a contactés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent, high, normal or low.</source>
        <translation>Urgente, haute, normale ou basse.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A flag means strong dissatisfaction or a legal risk was detected.</source>
        <translation>Un drapeau signale qu’une forte insatisfaction ou un risque juridique a été détecté.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer, or the sender as they wrote when not identified yet.</source>
        <translation>Le client, ou l’expéditeur tel qu’il s’est présenté s’il n’est pas encore identifié.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject or the first line of the message.</source>
        <translation>L’objet ou la première ligne du message.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long the customer has been waiting.</source>
        <translation>Depuis combien de temps le client attend.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the follow-up is due; overdue ones say by how long.</source>
        <translation>L’heure prévue du suivi&#xa0;; en retard, de combien.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time left before the promised answer time.</source>
        <translation>Temps restant avant l’heure de réponse promise.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting, with you, or who is handling it.</source>
        <translation>En attente, avec vous, ou qui le traite.</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Reply not delivered: {subject}</source>
        <translation>Réponse non distribuée&#xa0;: {subject}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The last reply did not reach the customer: open the contact to see why.</source>
        <translation>La dernière réponse n’est pas parvenue au client&#xa0;: ouvrez le contact pour en voir la raison.</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/desk/queue_panel.py" line="+115"/>
        <location line="+6"/>
        <location line="+39"/>
        <location line="+4"/>
        <location line="+77"/>
        <location line="+352"/>
        <source>Queue</source>
        <translation>File d’attente</translation>
    </message>
    <message>
        <location line="-466"/>
        <location line="+2"/>
        <source>Next contact</source>
        <translation>Contact suivant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Takes the first waiting contact in queue order and opens it.</source>
        <translation>Prend le premier contact en attente dans l’ordre de la file et l’ouvre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take the first waiting contact in queue order and open it (Ctrl+N).</source>
        <translation>Prendre le premier contact en attente dans l’ordre de la file et l’ouvrir (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Lists</source>
        <translation>Listes</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+408"/>
        <source>My follow-ups</source>
        <translation>Mes suivis</translation>
    </message>
    <message>
        <location line="-405"/>
        <source>Every contact waiting or in progress.</source>
        <translation>Tous les contacts en attente ou en cours.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Social</source>
        <translation>Réseaux</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show every channel.</source>
        <translation>Afficher tous les canaux.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show phone calls only.</source>
        <translation>Afficher uniquement les appels téléphoniques.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show e-mails only.</source>
        <translation>Afficher uniquement les e-mails.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show Facebook, X, Instagram and WhatsApp messages only.</source>
        <translation>Afficher uniquement les messages Facebook, X, Instagram et WhatsApp.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show letters only.</source>
        <translation>Afficher uniquement les courriers.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Channel filter: {channel}</source>
        <translation>Filtre de canal&#xa0;: {channel}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress (mine)</source>
        <translation>En cours (les miens)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting and in progress</source>
        <translation>En attente et en cours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show contacts</source>
        <translation>Contacts à afficher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which contacts the list shows.</source>
        <translation>Les contacts que la liste affiche.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Show:</source>
        <translation>A&amp;fficher&#xa0;:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Queue notice</source>
        <translation>Message de la file d’attente</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Contacts ordered by priority, then by due time. Press Enter to open one.</source>
        <translation>Contacts triés par priorité, puis par échéance. Appuyez sur Entrée pour en ouvrir un.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Queue status</source>
        <translation>État de la file d’attente</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>Follow-up {reference} enters the queue at {time}: you can take it from then on. It is shown read-only meanwhile.</source>
        <translation>Le suivi {reference} entre dans la file à {time}&#xa0;: vous pourrez le prendre dès lors. D’ici là, il s’affiche en lecture seule.</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>None of your follow-ups is due today.</source>
        <translation>Aucun de vos suivis n’est prévu aujourd’hui.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My follow-ups ({count}, {overdue} overdue)</source>
        <translation>Mes suivis ({count}, {overdue} en retard)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your follow-ups due today, overdue ones included: {count}. Overdue: {overdue}.</source>
        <translation>Vos suivis du jour, retards compris&#xa0;: {count}. En retard&#xa0;: {overdue}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>My follow-ups ({count})</source>
        <translation>Mes suivis ({count})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your follow-ups due today: {count}. None is overdue.</source>
        <translation>Vos suivis du jour&#xa0;: {count}. Aucun n’est en retard.</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Queue — %n waiting</source>
        <translation>
            <numerusform>File d’attente — %n en attente</numerusform>
            <numerusform>File d’attente — %n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n in progress with you</source>
        <translation>
            <numerusform>%n que vous traitez</numerusform>
            <numerusform>%n que vous traitez</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n in progress in the team</source>
        <translation>
            <numerusform>%n en cours dans l’équipe</numerusform>
            <numerusform>%n en cours dans l’équipe</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading the queue…</source>
        <translation>Chargement de la file d’attente…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No follow-up of yours is due today. The callbacks and replies you plan when closing a contact appear here on their day.</source>
        <translation>Aucun de vos suivis n’est prévu aujourd’hui. Les rappels et les réponses que vous prévoyez en clôturant un contact apparaissent ici le jour venu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have no contact in progress.</source>
        <translation>Vous n’avez aucun contact en cours.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No contact on this channel. Choose “All” to see the whole queue.</source>
        <translation>Aucun contact sur ce canal. Choisissez «&#xa0;Tous&#xa0;» pour voir toute la file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No contact is waiting. New contacts appear here as they arrive.</source>
        <translation>Aucun contact en attente. Les nouveaux contacts apparaissent ici dès leur arrivée.</translation>
    </message>
</context>
<context>
    <name>ReasonCategory</name>
    <message>
        <location filename="../../ui/desk/reason_box.py" line="-116"/>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Betting</source>
        <translation>Paris</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promotions</source>
        <translation>Promotions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible gaming</source>
        <translation>Jeu responsable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaints</source>
        <translation>Réclamations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>Général</translation>
    </message>
</context>
<context>
    <name>ReplyNotice</name>
    <message>
        <location filename="../../ui/desk/reply_feedback.py" line="+24"/>
        <source>Message about the reply</source>
        <translation>Message sur la réponse</translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <location filename="../../ui/backoffice/review_list.py" line="+38"/>
        <source>Low feeling</source>
        <translation>Ressenti faible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lease lost</source>
        <translation>Réservation perdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicting changes</source>
        <translation>Modifications en conflit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Survey contradicts the feeling</source>
        <translation>Enquête contraire au ressenti</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In progress — {who}</source>
        <translation>En cours — {who}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done — {who}</source>
        <translation>Traité — {who}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>To review</source>
        <translation>À examiner</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show the items done too</source>
        <translation>Afficher aussi les éléments traités</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Take it</source>
        <translation>&amp;Prendre en charge</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Item {reference} taken: it is yours.</source>
        <translation>Élément {reference} pris en charge&#xa0;: il est à vous.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark &amp;done</source>
        <translation>Marquer comme &amp;traité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Item {reference} done.</source>
        <translation>Élément {reference} traité.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open the case</source>
        <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Review list</source>
        <translation>Liste de revue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flagged</source>
        <translation>Signalé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advisor</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{count} items · {waiting} to review</source>
        <translation>{count} éléments · {waiting} à examiner</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing waits for review in your team.</source>
        <translation>Rien n’attend d’être examiné dans votre équipe.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose an item of the list first.</source>
        <translation>Choisissez d’abord un élément de la liste.</translation>
    </message>
</context>
<context>
    <name>ScoreButton</name>
    <message>
        <location filename="../../ui/desk/close_parts.py" line="+31"/>
        <source>{score} {label}</source>
        <translation>{score} {label}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press {score}</source>
        <translation>Touche {score}</translation>
    </message>
</context>
<context>
    <name>ScorecardDialog</name>
    <message>
        <location filename="../../ui/backoffice/scorecard_dialog.py" line="+51"/>
        <source>New scorecard</source>
        <translation>Nouvelle grille d’évaluation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scorecard name</source>
        <translation>Nom de la grille d’évaluation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Criteria, one per line</source>
        <translation>Critères, un par ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One criterion per line, with its weight if not 1:
Greeting
Solution: 3</source>
        <translation>Un critère par ligne, avec son poids s’il n’est pas de 1&#xa0;:
Accueil
Solution&#xa0;: 3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;riteria</source>
        <translation>C&amp;ritères</translation>
    </message>
</context>
<context>
    <name>Segment</name>
    <message>
        <location filename="../../ui/desk/customer_card.py" line="+14"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High value</source>
        <translation>Forte valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At risk</source>
        <translation>À risque</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible gaming</source>
        <translation>Jeu responsable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online account</source>
        <translation>Compte en ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retail</source>
        <translation>Réseau physique</translation>
    </message>
</context>
<context>
    <name>Size</name>
    <message>
        <location filename="../../ui/common/texts.py" line="+23"/>
        <source>{n} B</source>
        <translation>{n}&#xa0;o</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} KB</source>
        <translation>{n}&#xa0;Ko</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} MB</source>
        <translation>{n}&#xa0;Mo</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location line="-55"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
</context>
<context>
    <name>SupervisorDesk</name>
    <message>
        <location filename="../../ui/backoffice/supervisor_desk.py" line="+63"/>
        <source>Supervisor&apos;s desk</source>
        <translation>Espace superviseur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the team from the centre…</source>
        <translation>Lecture de l’équipe auprès du centre…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contacts waiting</source>
        <translation>Contacts en attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts held by the team</source>
        <translation>Contacts pris en charge par l’équipe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No one in the team is working a contact right now.</source>
        <translation>Personne dans l’équipe ne traite de contact en ce moment.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Team now</source>
        <translation>&amp;En direct</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The team&apos;s planned follow-ups</source>
        <translation>Suivis prévus de l’équipe</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Team &amp;follow-ups</source>
        <translation>&amp;Suivis de l’équipe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>To &amp;review</source>
        <translation>Contacts à e&amp;xaminer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cases</source>
        <translation>&amp;Dossiers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Indicators</source>
        <translation>&amp;Indicateurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Alignment</source>
        <translation>Ali&amp;gnement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verbatims</source>
        <translation>Ver&amp;batims</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tem&amp;plates</source>
        <translation>&amp;Modèles</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When the board was read</source>
        <translation>Heure de lecture du tableau</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%n planned follow-up(s) in the coming week</source>
        <translation>
            <numerusform>%n suivi prévu dans les 7 prochains jours</numerusform>
            <numerusform>%n suivis prévus dans les 7 prochains jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n en retard</numerusform>
            <numerusform>%n en retard</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Team &amp;follow-ups ({count})</source>
        <translation>&amp;Suivis de l’équipe ({count})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read from the centre at {time}; read again every 10 s.</source>
        <translation>Lu auprès du centre à {time}&#xa0;; relu toutes les 10&#xa0;s.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing waits in the team&apos;s queue.</source>
        <translation>Rien n’attend dans la file de l’équipe.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n contact(s) waiting: {channels}</source>
        <translation>
            <numerusform>%n contact en attente&#xa0;: {channels}</numerusform>
            <numerusform>%n contacts en attente&#xa0;: {channels}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the oldest for {age}</source>
        <translation>le plus ancien attend depuis {age}</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n contact(s) being worked</source>
        <translation>
            <numerusform>%n contact en cours de traitement</numerusform>
            <numerusform>%n contacts en cours de traitement</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>by %n advisor(s).</source>
        <translation>
            <numerusform>par %n conseiller.</numerusform>
            <numerusform>par %n conseillers.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The centre does not answer ({problem}); shown as read at {time}.</source>
        <translation>Le centre ne répond pas ({problem})&#xa0;; affiché tel que lu à {time}.</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>No follow-up planned by the team for the coming week. Advisors plan callbacks and replies when they close a contact; they appear here with who planned them.</source>
        <translation>Aucun suivi prévu par l’équipe pour la semaine à venir. Les conseillers prévoient rappels et réponses en clôturant un contact&#xa0;; ils apparaissent ici avec le nom de qui les a prévus.</translation>
    </message>
</context>
<context>
    <name>SurveyImportDialog</name>
    <message>
        <location filename="../../ui/backoffice/survey_import_dialog.py" line="+173"/>
        <source>Import survey answers</source>
        <translation>Importer des réponses d’enquête</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A CSV file: reference, csat, date (nps, effort, verbatim)</source>
        <translation>Un fichier CSV&#xa0;: référence, csat, date (nps, effort client, commentaire)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Survey file</source>
        <translation>Fichier d’enquête</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose a file…</source>
        <translation>&amp;Choisir un fichier…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the survey tool&apos;s export. Each row is checked first; nothing is imported until you press Import.</source>
        <translation>Choisissez l’export de l’outil d’enquête. Chaque ligne est d’abord vérifiée&#xa0;; rien n’est importé tant que vous n’appuyez pas sur Importer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import progress</source>
        <translation>Progression de l’import</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows of the file and what the import does with them</source>
        <translation>Lignes du fichier et ce que l’import en fait</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Survey answers</source>
        <translation>Réponses d’enquête</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Checking {name} with the centre…</source>
        <translation>Vérification de {name} auprès du centre…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing in this file is left to import.</source>
        <translation>Il ne reste rien à importer dans ce fichier.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
</context>
<context>
    <name>SurveyRowsModel</name>
    <message>
        <location line="-212"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effort</source>
        <translation>Effort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>Répondu le</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verbatim</source>
        <translation>Verbatim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credited to</source>
        <translation>Attribué à</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also took part</source>
        <translation>Autres intervenants</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../ui/shell/sync_problems_dialog.py" line="+27"/>
        <source>Changes that did not go through</source>
        <translation>Modifications non passées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused changes and values that lost a conflict</source>
        <translation>Modifications refusées et valeurs ayant perdu un conflit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value written</source>
        <translation>Valeur écrite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason, or the value kept</source>
        <translation>Motif, ou valeur conservée</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing was refused and no value lost a conflict.</source>
        <translation>Rien n’a été refusé et aucune valeur n’a perdu de conflit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These changes are kept: refused ones on this workstation, losing values on the centre. A supervisor can restore a value by hand.</source>
        <translation>Ces modifications sont conservées&#xa0;: les refusées sur ce poste, les valeurs perdantes au centre. Un superviseur peut rétablir une valeur à la main.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refused by the centre</source>
        <translation>Refusée par le centre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting: the centre failed on it, it goes again</source>
        <translation>En attente&#xa0;: la base centrale a échoué dessus, la modification repartira</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost a conflict</source>
        <translation>A perdu un conflit</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Someone else took this contact after your lease ran out; your values are kept for a supervisor</source>
        <translation>Quelqu’un d’autre a pris ce contact après l’expiration de votre bail&#xa0;; vos valeurs sont gardées pour un superviseur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The centre does not let you make this change</source>
        <translation>La base centrale ne vous permet pas cette modification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The centre does not take this value</source>
        <translation>La base centrale n’accepte pas cette valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The centre could not apply it for now</source>
        <translation>La base centrale n’a pas pu l’appliquer pour l’instant</translation>
    </message>
</context>
<context>
    <name>Tag</name>
    <message>
        <location filename="../../ui/desk/customer_card.py" line="+8"/>
        <source>Identity check pending</source>
        <translation>Vérification d’identité en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deposit limit</source>
        <translation>Limite de dépôt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No newsletter</source>
        <translation>Sans newsletter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two-factor login</source>
        <translation>Double authentification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dormant account</source>
        <translation>Compte inactif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome bonus</source>
        <translation>Bonus de bienvenue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Self-excluded</source>
        <translation>Auto-exclu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cooling-off period</source>
        <translation>Pause de jeu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High roller</source>
        <translation>Gros joueur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dedicated manager</source>
        <translation>Gestionnaire dédié</translation>
    </message>
</context>
<context>
    <name>TemplateAdmin</name>
    <message>
        <location filename="../../ui/backoffice/template_admin.py" line="+138"/>
        <source>&lt;b&gt;Templates&lt;/b&gt; — the ones to improve first</source>
        <translation>&lt;b&gt;Modèles&lt;/b&gt; — ceux à améliorer en priorité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period of the figures</source>
        <translation>Période des chiffres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last {days} days</source>
        <translation>{days} derniers jours</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re&amp;fresh</source>
        <translation>Mettre à &amp;jour</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Templates with their state and figures</source>
        <translation>Modèles avec leur état et leurs chiffres</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No template yet: write the first one on the right.</source>
        <translation>Aucun modèle pour l’instant&#xa0;: rédigez le premier à droite.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+184"/>
        <source>&lt;b&gt;New template&lt;/b&gt;</source>
        <translation>&lt;b&gt;Nouveau modèle&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-182"/>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. withdrawal_delay (the same in each language)</source>
        <translation>ex.&#xa0;: withdrawal_delay (la même dans chaque langue)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Key</source>
        <translation>C&amp;lé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language</source>
        <translation>Lang&amp;ue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Made for {channel}</source>
        <translation>Prévu pour {channel}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category</source>
        <translation>Catég&amp;orie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text of the template</source>
        <translation>Texte du modèle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bonjour {{customer_first_name}}, … (placeholders between double braces)</source>
        <translation>Bonjour {{customer_first_name}}, … (champs entre doubles accolades)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Versions of the template</source>
        <translation>Versions du modèle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New template</source>
        <translation>&amp;Nouveau modèle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save as draft</source>
        <translation>&amp;Enregistrer le brouillon</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Approve the draft</source>
        <translation>A&amp;pprouver le brouillon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Retire</source>
        <translation>Arc&amp;hiver</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>&lt;b&gt;{title}&lt;/b&gt; — a new version</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; — nouvelle version</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>approuvée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>superseded</source>
        <translation>remplacée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>v{version} · {state} · written by {author} on {when}</source>
        <translation>v{version} · {state} · rédigée par {author} le {when}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the default library</source>
        <translation>la bibliothèque par défaut</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>approved by {who} on {when}</source>
        <translation>approuvée par {who} le {when}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>You wrote this draft: another supervisor approves it (four eyes).</source>
        <translation>Vous avez rédigé ce brouillon&#xa0;: un autre superviseur doit l’approuver (double validation).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version {version}, written by {author}, awaits your approval.</source>
        <translation>La version {version}, rédigée par {author}, attend votre approbation.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Draft saved as version {version}: another supervisor approves it.</source>
        <translation>Brouillon enregistré comme version {version}&#xa0;: un autre superviseur doit l’approuver.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose a template with a draft awaiting approval.</source>
        <translation>Choisissez un modèle dont un brouillon attend l’approbation.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version {version} approved: advisors have it at their next sync.</source>
        <translation>Version {version} approuvée&#xa0;: les conseillers l’auront à leur prochaine synchronisation.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a template to retire.</source>
        <translation>Choisissez un modèle à archiver.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{title}” retired: advisors no longer see it.</source>
        <translation>«&#xa0;{title}&#xa0;» archivé&#xa0;: les conseillers ne le voient plus.</translation>
    </message>
</context>
<context>
    <name>TemplateListModel</name>
    <message>
        <location filename="../../ui/desk/template_rows.py" line="+101"/>
        <source>{title}  —  {category} · {language}</source>
        <translation>{title}  —  {category} · {language}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{title}, {category}, language {language}</source>
        <translation>{title}, {category}, langue {language}</translation>
    </message>
</context>
<context>
    <name>TemplateModel</name>
    <message>
        <location filename="../../ui/backoffice/template_admin.py" line="-346"/>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uses</source>
        <translation>Utilisations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edited</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customers (CSAT)</source>
        <translation>Clients (CSAT)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Self-assessment</source>
        <translation>Ressenti</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Followed by a low score</source>
        <translation>Note faible ensuite</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved (v{version})</source>
        <translation>Approuvé (v{version})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retired</source>
        <translation>Archivé</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>v{version} awaits approval</source>
        <translation>v{version} en attente d’approbation</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <location filename="../../ui/desk/template_rows.py" line="-73"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Betting</source>
        <translation>Paris</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaints</source>
        <translation>Réclamations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promotions</source>
        <translation>Promotions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible gaming</source>
        <translation>Jeu responsable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
    <message>
        <location filename="../../ui/desk/template_picker.py" line="+62"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location line="+136"/>
        <location line="+1"/>
        <source>Insert a template</source>
        <translation>Insérer un modèle</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search templates</source>
        <translation>Rechercher un modèle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search by title, category or words of the text — ↓ to go to the list</source>
        <translation>Cherchez par titre, catégorie ou mots du texte — ↓ pour aller à la liste</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Template language</source>
        <translation>Langue du modèle</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All languages</source>
        <translation>Toutes les langues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other &amp;channels too</source>
        <translation>Autres &amp;canaux aussi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also show templates made for other channels</source>
        <translation>Afficher aussi les modèles prévus pour d’autres canaux</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Templates written for other channels come after the others, marked with the channels they were made for.</source>
        <translation>Les modèles écrits pour d’autres canaux viennent après les autres, marqués des canaux pour lesquels ils ont été écrits.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Matching templates</source>
        <translation>Modèles correspondants</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Template text</source>
        <translation>Texte du modèle</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Insert</source>
        <translation>Insérer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert the selected template</source>
        <translation>Insérer le modèle sélectionné</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel without inserting</source>
        <translation>Annuler sans insérer</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>%n template(s)</source>
        <translation>
            <numerusform>%n modèle</numerusform>
            <numerusform>%n modèles</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No template matches “{text}”. Try fewer words or “All languages”.</source>
        <translation>Aucun modèle ne correspond à «&#xa0;{text}&#xa0;». Essayez avec moins de mots ou «&#xa0;Toutes les langues&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No template in this language.</source>
        <translation>Aucun modèle dans cette langue.</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n more made for other channels (Alt+C shows them)</source>
        <translation>
            <numerusform>%n autre prévu pour d’autres canaux (Alt+C l’affiche)</numerusform>
            <numerusform>%n autres prévus pour d’autres canaux (Alt+C les affiche)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n holding account data, never offered on {channel}</source>
        <translation>
            <numerusform>%n contenant des données de compte, jamais proposé sur {channel}</numerusform>
            <numerusform>%n contenant des données de compte, jamais proposés sur {channel}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Made for {channels}, not for {channel}: check its length and tone before sending.</source>
        <translation>Prévu pour {channels}, pas pour {channel}&#xa0;: vérifiez sa longueur et son ton avant d’envoyer.</translation>
    </message>
</context>
<context>
    <name>TemplateTableModel</name>
    <message>
        <location line="-326"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{title}, made for {channels}</source>
        <translation>{title}, prévu pour {channels}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Made for {channels}</source>
        <translation>Prévu pour {channels}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Made for {channels}, not for {channel}: check its length and tone before sending.</source>
        <translation>Prévu pour {channels}, pas pour {channel}&#xa0;: vérifiez sa longueur et son ton avant d’envoyer.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>All channels</source>
        <translation>Tous les canaux</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <location filename="../../ui/desk/thread_view.py" line="-595"/>
        <source>Unknown sender</source>
        <translation>Expéditeur inconnu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{sender} · customer · {when}</source>
        <translation>{sender} · client · {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{sender} · advisor&apos;s reply · {when}</source>
        <translation>{sender} · réponse du conseiller · {when}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Incoming call</source>
        <translation>Appel entrant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outgoing call</source>
        <translation>Appel sortant</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Print this letter (PDF)…</source>
        <translation>Imprimer ce courrier (PDF)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown type</source>
        <translation>type inconnu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} · {kind} · {size}</source>
        <translation>{name} · {kind} · {size}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The letter&apos;s first page; save it to read every page.</source>
        <translation>La première page du courrier&#xa0;; enregistrez-le pour lire toutes les pages.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The letter as scanned</source>
        <translation>Le courrier tel que numérisé</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A program: do not open it unless you know why.</source>
        <translation>Un programme&#xa0;: ne l’ouvrez pas sans savoir pourquoi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its content is not what its name says: be careful.</source>
        <translation>Son contenu n’est pas ce que son nom annonce&#xa0;: prudence.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not kept: too large ({why})</source>
        <translation>Non conservé&#xa0;: trop volumineux ({why})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Being fetched from the platform{why}</source>
        <translation>En cours de récupération auprès de la plateforme{why}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not kept: {why}</source>
        <translation>Non conservé&#xa0;: {why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the platform did not give it</source>
        <translation>la plateforme ne l’a pas fourni</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Internal note — not sent</source>
        <translation>Note interne — non envoyée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{label} · {author} · {when} · taken during the call</source>
        <translation>{label} · {author} · {when} · prise pendant l’appel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{label} · {author} · {when}</source>
        <translation>{label} · {author} · {when}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Missed call: the caller hung up at {end}, before anyone answered.</source>
        <translation>Appel manqué&#xa0;: l’appelant a raccroché à {end}, avant toute réponse.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No call recorded yet.</source>
        <translation>Aucun appel enregistré pour le moment.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call started at {start}, still running.</source>
        <translation>Appel commencé à {start}, toujours en cours.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call from {start} to {end} — duration {duration}.</source>
        <translation>Appel de {start} à {end} — durée {duration}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call record</source>
        <translation>Journal de l’appel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Closed by {advisor} · {when}</source>
        <translation>Clôturé par {advisor} · {when}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason: {reason}</source>
        <translation>Motif&#xa0;: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome: {outcome}</source>
        <translation>Résultat&#xa0;: {outcome}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Advisor&apos;s view of the customer: {assessment}</source>
        <translation>Ressenti du conseiller sur le client&#xa0;: {assessment}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Share of the contact: {share} %</source>
        <translation>Part du contact&#xa0;: {share} %</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Follow-up planned: a callback, {when} ({reference}, {status})</source>
        <translation>Suivi prévu&#xa0;: un rappel, {when} ({reference}, {status})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-up planned: a written reply, {when} ({reference}, {status})</source>
        <translation>Suivi prévu&#xa0;: une réponse écrite, {when} ({reference}, {status})</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Answered {when}</source>
        <translation>Réponse reçue&#xa0;: {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer&apos;s satisfaction: {csat}</source>
        <translation>Satisfaction du client&#xa0;: {csat}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Likelihood to recommend: {nps}/10</source>
        <translation>Probabilité de recommandation&#xa0;: {nps}/10</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Effort to get an answer: {effort}/7</source>
        <translation>Effort pour obtenir une réponse&#xa0;: {effort}/7</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In their words: “{comment}”</source>
        <translation>Selon ses mots&#xa0;: «&#xa0;{comment}&#xa0;»</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Received {when}</source>
        <translation>Reçu&#xa0;: {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Priority: {priority}</source>
        <translation>Priorité&#xa0;: {priority}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed {when}</source>
        <translation>Clôturé&#xa0;: {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From {who}</source>
        <translation>De {who}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Risk flag: {reason}</source>
        <translation>Alerte risque&#xa0;: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Risk flag: strong dissatisfaction or legal risk.</source>
        <translation>Alerte risque&#xa0;: forte insatisfaction ou risque juridique.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No message or note on this contact yet.</source>
        <translation>Aucun message ni aucune note sur ce contact pour le moment.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrap-up</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Survey</source>
        <translation>Enquête de satisfaction</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No internal note yet.</source>
        <translation>Aucune note interne pour le moment.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Contact thread</source>
        <translation>Fil du contact</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Open link</source>
        <translation>Ouvrir le lien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open this link from the customer&apos;s message in your web browser?

{url}

Links in messages can be fraudulent: open only an address you trust.</source>
        <translation>Ouvrir ce lien du message du client dans votre navigateur&#xa0;?

{url}

Les liens des messages peuvent être frauduleux&#xa0;: n’ouvrez qu’une adresse de confiance.</translation>
    </message>
    <message>
        <location line="-426"/>
        <source>On this workstation: goes to the centre at the next sync</source>
        <translation>Sur ce poste&#xa0;: part vers le centre à la prochaine synchronisation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not delivered: {why}{words} · {when}</source>
        <translation>Non distribuée&#xa0;: {why}{words} · {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The customer did not get this reply: check their address, then answer again or call them.</source>
        <translation>Le client n’a pas reçu cette réponse&#xa0;: vérifiez son adresse, puis répondez de nouveau ou appelez-le.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not sent yet: {why}{words}; next try {when}</source>
        <translation>Pas encore envoyée&#xa0;: {why}{words}&#xa0;; nouvel essai {when}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting to be sent</source>
        <translation>En attente d’envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent {when}</source>
        <translation>Envoyée {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered {when}</source>
        <translation>Distribuée {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read {when}</source>
        <translation>Lue {when}</translation>
    </message>
</context>
<context>
    <name>VerbatimBoard</name>
    <message>
        <location filename="../../ui/backoffice/verbatim_board.py" line="+61"/>
        <source>&lt;b&gt;Customers&apos; words&lt;/b&gt; — the last 30 days, unhappiest first</source>
        <translation>&lt;b&gt;Paroles de clients&lt;/b&gt; — les 30 derniers jours, les plus mécontents d’abord</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customers&apos; words to pin</source>
        <translation>Paroles de clients à épingler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tags, separated by commas (e.g. delays, refund)</source>
        <translation>Étiquettes, séparées par des virgules (ex.&#xa0;: délais, remboursement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags of the quote to pin</source>
        <translation>Étiquettes du verbatim à épingler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Pin to the board</source>
        <translation>É&amp;pingler au tableau</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;The board&lt;/b&gt;</source>
        <translation>&lt;b&gt;Le tableau&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the quotes tagged</source>
        <translation>Afficher les verbatims étiquetés</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pinned quotes</source>
        <translation>Verbatims épinglés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Unpin</source>
        <translation>Retirer du &amp;tableau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export one page (PDF)…</source>
        <translation>Exporter &amp;une page (PDF)…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>pinned</source>
        <translation>épinglé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No customer left a comment in the last 30 days.</source>
        <translation>Aucun client n’a laissé de commentaire ces 30 derniers jours.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every tag</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>untagged</source>
        <translation>sans étiquette</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a customer&apos;s words to pin first.</source>
        <translation>Choisissez d’abord les paroles d’un client à épingler.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose a pinned quote first.</source>
        <translation>Choisissez d’abord un verbatim épinglé.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export the board</source>
        <translation>Exporter le tableau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The customer&apos;s voice — {team}</source>
        <translation>La voix du client — {team}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the centre</source>
        <translation>le centre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pinned by the supervisors, as of {date}</source>
        <translation>Épinglés par les superviseurs, au {date}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported {count} quotes to {path}.</source>
        <translation>{count} verbatims exportés dans {path}.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>No quote pinned yet. Choose a customer&apos;s words on the left, tag them, and pin them: the board is what the one-page PDF carries to management.</source>
        <translation>Aucune citation épinglée. Choisissez à gauche les mots d’un client, étiquetez-les et épinglez-les&#xa0;: le tableau est ce que la page PDF porte à la direction.</translation>
    </message>
</context>
<context>
    <name>VerbatimPdf</name>
    <message>
        <location filename="../../ui/backoffice/verbatim_pdf.py" line="+23"/>
        <source>Focus indicator</source>
        <translation>Indicateur prioritaire</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Untagged</source>
        <translation>Sans étiquette</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{count} more pinned quotes did not fit on this page.</source>
        <translation>{count} autres verbatims épinglés ne tenaient pas sur cette page.</translation>
    </message>
</context>
<context>
    <name>_NewCustomerForm</name>
    <message>
        <location filename="../../ui/desk/customer_link.py" line="-125"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 06 12 34 56 78</source>
        <translation>ex.&#xa0;: 06 12 34 56 78</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. name@example.com</source>
        <translation>ex.&#xa0;: nom@exemple.fr</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;First name</source>
        <translation>&amp;Prénom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Last name</source>
        <translation>N&amp;om</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lan&amp;guage</source>
        <translation>Lan&amp;gue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;hone</source>
        <translation>Télép&amp;hone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
</context>
<context>
    <name>alignment</name>
    <message>
        <location filename="../../app/backoffice/alignment.py" line="+245"/>
        <source>None of your rated contacts has a survey answer yet.</source>
        <translation>Aucun des contacts que vous avez notés n’a encore de réponse à l’enquête.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You rated 3 or 4 where the customer answered 1 or 2 in {over} of your {n} surveyed contacts, and 1 or 2 where they answered 4 or 5 in {under}.</source>
        <translation>Vous avez noté 3 ou 4 quand le client a répondu 1 ou 2 pour {over} de vos {n} contacts enquêtés, et 1 ou 2 quand il a répondu 4 ou 5 pour {under}.</translation>
    </message>
</context>
<context>
    <name>backoffice</name>
    <message>
        <location filename="../../app/backoffice/case_view.py" line="+37"/>
        <source>Hidden until you save your evaluation</source>
        <translation>Masqué jusqu’à l’enregistrement de votre évaluation</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../app/cli.py" line="+32"/>
        <source>Relais: the customer-service advisor&apos;s workstation. Without a command, opens this workstation connected to its centre (asking where it is the first time).</source>
        <translation>Relais&#xa0;: le poste de travail du conseiller clientèle. Sans commande, ouvre ce poste connecté à son centre (en demandant où il est la première fois).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>interface language (default: the system&apos;s)</source>
        <translation>langue de l’interface (par défaut&#xa0;: celle du système)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>save the main window to FILE.png once its data is loaded, then exit</source>
        <translation>enregistrer la fenêtre principale dans FILE.png une fois ses données chargées, puis quitter</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>open the embedded demo workspace (no server needed)</source>
        <translation>ouvrir l’espace de démonstration intégré (sans serveur)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>where the demo keeps its files</source>
        <translation>dossier où la démonstration range ses fichiers</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>open as the demo advisor or as their supervisor</source>
        <translation>ouvrir en tant que conseiller de démonstration ou que son superviseur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>create, upgrade or fill a central database</source>
        <translation>créer, mettre à jour ou remplir une base centrale</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>create or upgrade the central schema</source>
        <translation>créer ou mettre à jour le schéma central</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>fill a central database with demo data</source>
        <translation>remplir une base centrale avec des données de démonstration</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>read the password from the first line of standard input</source>
        <translation>lire le mot de passe sur la première ligne de l&apos;entrée standard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>provision users on a central database</source>
        <translation>créer des utilisateurs dans une base centrale</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>create a user (or change their role, team and password)</source>
        <translation>créer un utilisateur (ou changer son rôle, son équipe et son mot de passe)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the team&apos;s name</source>
        <translation>le nom de l&apos;équipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the name colleagues see</source>
        <translation>le nom que voient les collègues</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <location line="+14"/>
        <source>the centre, as its owner</source>
        <translation>le centre, en tant que propriétaire</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>list the users of a centre and their state</source>
        <translation>lister les utilisateurs d’un centre et leur état</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>stop a user signing in; their rights go at once, their history stays</source>
        <translation>empêcher un utilisateur de se connecter&#xa0;; ses droits cessent aussitôt, son historique reste</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>let a disabled user sign in again</source>
        <translation>permettre à nouveau à un utilisateur désactivé de se connecter</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>connect this workstation to a central database</source>
        <translation>connecter ce poste à une base centrale</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>your login</source>
        <translation>votre identifiant</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>synchronise with the centre, or show the state</source>
        <translation>synchroniser avec le centre, ou en afficher l&apos;état</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>run one sync and exit</source>
        <translation>synchroniser une fois puis quitter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>pending operations, last success, last error, cursor (no network)</source>
        <translation>opérations en attente, dernier succès, dernière erreur, curseur (sans réseau)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>as JSON</source>
        <translation>en JSON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the demo workspace instead of the connected one</source>
        <translation>la démo au lieu du poste connecté</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the team whose mailbox or page received them</source>
        <translation>l&apos;équipe dont la boîte ou la page les a reçus</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>webhook requests of Messenger, Instagram, WhatsApp or X saved as JSON</source>
        <translation>requêtes webhook de Messenger, Instagram, WhatsApp ou X enregistrées en JSON</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>scanned postal letters (PDF, PNG, JPEG or TIFF)</source>
        <translation>courriers postaux numérisés (PDF, PNG, JPEG ou TIFF)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the account number written on the letter</source>
        <translation>le numéro de compte écrit sur le courrier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a telephony event: a call ringing, answered or ended</source>
        <translation>un événement de téléphonie&#xa0;: un appel qui sonne, décroché ou terminé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the caller&apos;s number (empty: withheld)</source>
        <translation>le numéro de l&apos;appelant (vide&#xa0;: masqué)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the advisor whose phone rings or who answered</source>
        <translation>le conseiller dont le poste sonne ou qui a décroché</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the telephony system&apos;s id of the call (default: new)</source>
        <translation>l&apos;identifiant de l&apos;appel dans la téléphonie (par défaut&#xa0;: nouveau)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>on the demo&apos;s embedded centre instead of the connected one</source>
        <translation>sur le centre intégré de la démo au lieu du centre connecté</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>with --demo: as the demo advisor or supervisor</source>
        <translation>avec --demo&#xa0;: en tant que conseiller ou superviseur de la démo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>customers&apos; survey answers</source>
        <translation>réponses des clients aux enquêtes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>link a CSV file of survey answers to their contacts</source>
        <translation>rattacher un fichier CSV de réponses d’enquête à leurs contacts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the CSV file</source>
        <translation>le fichier CSV</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>check the file and say what would happen, import nothing</source>
        <translation>vérifier le fichier et dire ce qui se passerait, sans rien importer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>figures from the centre</source>
        <translation>chiffres du centre</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>how the self-assessment, evaluations and surveys agree, per advisor</source>
        <translation>concordance du ressenti, des évaluations et des enquêtes, par conseiller</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>one team, by name</source>
        <translation>une équipe, par son nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one advisor, by login</source>
        <translation>un conseiller, par son identifiant</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="+32"/>
        <source>Created the central schema in {where} (revision {after}).</source>
        <translation>Schéma central créé dans {where} (révision {after}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The central schema in {where} is up to date (revision {after}).</source>
        <translation>Le schéma central de {where} est à jour (révision {after}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upgraded the central schema in {where} from revision {before} to {after}.</source>
        <translation>Schéma central de {where} mis à jour de la révision {before} à {after}.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Seeded {where} in {seconds:.1f} s: {customers} customers, {contacts} past contacts, {queued} queued contacts, {templates} templates, {advisors} users.</source>
        <translation>{where} rempli en {seconds:.1f}&#xa0;s&#xa0;: {customers}&#xa0;clients, {contacts}&#xa0;contacts passés, {queued}&#xa0;contacts en file, {templates}&#xa0;modèles, {advisors}&#xa0;utilisateurs.</translation>
    </message>
    <message>
        <location filename="../../app/users.py" line="+185"/>
        <location line="+29"/>
        <source>User {login} ({role}) is ready on {where}.</source>
        <translation>L&apos;utilisateur {login} ({role}) est prêt sur {where}.</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>may sign in</source>
        <translation>peut se connecter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot sign in</source>
        <translation>ne peut pas se connecter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no database login</source>
        <translation>sans accès à la base</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>login</source>
        <translation>identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role</source>
        <translation>rôle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state</source>
        <translation>état</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database</source>
        <translation>base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>team</source>
        <translation>équipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>User {login} may sign in again on {where}.</source>
        <translation>L’utilisateur {login} peut de nouveau se connecter à {where}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User {login} is disabled on {where}; their history is kept.</source>
        <translation>L’utilisateur {login} est désactivé sur {where}&#xa0;; son historique est conservé.</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="+51"/>
        <source>Warning: passwords do not belong in URLs (shell histories and process lists keep them). Relais keeps this one in the system keyring only and remembers the URL without it; next time, leave it out and use --password-stdin.</source>
        <translation>Attention&#xa0;: un mot de passe n&apos;a rien à faire dans une URL (l&apos;historique du shell et la liste des processus le conservent). Relais garde celui-ci uniquement dans le trousseau du système et retient l&apos;URL sans lui&#xa0;; la prochaine fois, omettez-le et utilisez --password-stdin.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This workstation is connected to {centre} as {login} ({rows} recent changes).</source>
        <translation>Ce poste est connecté à {centre} en tant que {login} ({rows} modifications récentes).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No system keyring is available: Relais will ask for the password at each start.</source>
        <translation>Aucun trousseau système n&apos;est disponible&#xa0;: Relais demandera le mot de passe à chaque démarrage.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Synchronised in {seconds:.2f} s: {pushed} sent, {refused} refused, {pulled} received, {repaired} repaired.</source>
        <translation>Synchronisé en {seconds:.2f} s&#xa0;: {pushed} envoyées, {refused} refusées, {pulled} reçues, {repaired} réparées.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Password: </source>
        <translation>Mot de passe&#xa0;: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Again: </source>
        <translation>Encore une fois&#xa0;: </translation>
    </message>
    <message>
        <location filename="../../app/backoffice/alignment.py" line="-164"/>
        <source>No contact was closed between {start} and {end} (UTC) in this selection.</source>
        <translation>Aucun contact de cette sélection n’a été clôturé entre {start} et {end} (UTC).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No surveyed contact: there is no bias to measure.</source>
        <translation>Aucun contact enquêté&#xa0;: il n’y a pas de biais à mesurer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not every team of the selection has surveyed contacts: see each team&apos;s estimate.</source>
        <translation>Toutes les équipes de la sélection n’ont pas de contacts enquêtés&#xa0;: voyez l’estimation de chaque équipe.</translation>
    </message>
    <message>
        <location filename="../../app/cli.py" line="-124"/>
        <source>hand messages from files to the centre&apos;s queue</source>
        <translation>remettre des messages lus dans des fichiers à la file du centre</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>e-mails saved as .eml files (RFC 5322)</source>
        <translation>e-mails enregistrés en fichiers .eml (RFC 5322)</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>the centre, as a connector login</source>
        <translation>le centre, avec un identifiant de connecteur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>into the demo&apos;s embedded centre</source>
        <translation>dans le centre intégré de la démo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the connector&apos;s login</source>
        <translation>l’identifiant du connecteur</translation>
    </message>
    <message>
        <location filename="../../app/ingest/commands.py" line="+23"/>
        <source>{file}: new contact {reference}</source>
        <translation>{file}&#xa0;: nouveau contact {reference}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}: added to contact {reference}</source>
        <translation>{file}&#xa0;: ajouté au contact {reference}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}: new contact {reference}, following a closed one</source>
        <translation>{file}&#xa0;: nouveau contact {reference}, à la suite d’un contact clos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: received before, in contact {reference}</source>
        <translation>{file}&#xa0;: déjà reçu, dans le contact {reference}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file}: automatic message, no contact opened</source>
        <translation>{file}&#xa0;: message automatique, aucun contact ouvert</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{file}: {count} replies moved</source>
        <translation>{file}&#xa0;: {count} réponses mises à jour</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: no message, and no reply of this centre concerned</source>
        <translation>{file}&#xa0;: aucun message, et aucune réponse de ce centre concernée</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>call {call}: contact {reference}, {state}, for {advisor}</source>
        <translation>appel {call}&#xa0;: contact {reference}, {state}, pour {advisor}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the team&apos;s queue</source>
        <translation>la file de l&apos;équipe</translation>
    </message>
    <message>
        <location filename="../../app/cli.py" line="-35"/>
        <source>the service that reads the channels into the centre</source>
        <translation>le service qui lit les canaux dans le centre</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>run until stopped (SIGTERM), headless</source>
        <translation>tourner jusqu’à l’arrêt (SIGTERM), sans fenêtre</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the centre and the mailboxes (README: Connectors)</source>
        <translation>le centre et les boîtes aux lettres (README&#xa0;: Connectors)</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../app/db.py" line="+68"/>
        <source>“{url}” is not a database URL.</source>
        <translation>«&#xa0;{url}&#xa0;» n’est pas une URL de base de données.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/dbname.</source>
        <translation>Utilisez sqlite:///chemin/vers/fichier.sqlite3 ou postgresql+psycopg://utilisateur@hôte/nom_base.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The port in “{url}” is not between 1 and 65535.</source>
        <translation>Le port de «&#xa0;{url}&#xa0;» n’est pas compris entre 1 et 65535.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the server&apos;s port, usually 5432: postgresql+psycopg://host:5432/db.</source>
        <translation>Indiquez le port du serveur, en général 5432&#xa0;: postgresql+psycopg://hote:5432/base.</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>“sslmode={value}” is not a TLS mode PostgreSQL knows.</source>
        <translation>«&#xa0;sslmode={value}&#xa0;» n’est pas un mode TLS connu de PostgreSQL.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use sslmode=disable, allow, prefer, require, verify-ca or verify-full (require or stronger across a network).</source>
        <translation>Utilisez sslmode=disable, allow, prefer, require, verify-ca ou verify-full (require ou plus strict à travers un réseau).</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No database driver for “{backend}”.</source>
        <translation>Aucun pilote de base de données pour «&#xa0;{backend}&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install Relais with its PostgreSQL extra: pip install &apos;relais[postgres]&apos;.</source>
        <translation>Installez Relais avec son option PostgreSQL&#xa0;: pip install &apos;relais[postgres]&apos;.</translation>
    </message>
    <message>
        <location line="+263"/>
        <source>The central database {where} is too busy to answer.</source>
        <translation>La base centrale {where} est trop occupée pour répondre.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The central database {where} only reads for now (a standby answers).</source>
        <translation>La base centrale {where} est pour l’instant en lecture seule (un serveur de secours répond).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The connection settings of {where} are not valid: {detail}</source>
        <translation>Les paramètres de connexion de {where} ne sont pas valides&#xa0;: {detail}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Correct the URL: postgresql+psycopg://host:5432/dbname, with options such as ?sslmode=require.</source>
        <translation>Corrigez l’URL&#xa0;: postgresql+psycopg://hote:5432/base, avec des options comme&#xa0;?sslmode=require.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The server of {where} has no such database, or does not let this login connect to it.</source>
        <translation>Le serveur de {where} n’a pas de base de données de ce nom, ou n’y autorise pas la connexion de cet identifiant.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the database name at the end of the URL. A new centre&apos;s database is created first (createdb), and a login connects only to its own centre.</source>
        <translation>Vérifiez le nom de la base à la fin de l’URL. La base d’un nouveau centre se crée d’abord (createdb), et un identifiant ne se connecte qu’à son propre centre.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The database {where} is damaged or is not a Relais database.</source>
        <translation>La base de données {where} est endommagée ou n’est pas une base Relais.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move the file aside (nothing is deleted) and start again to rebuild it, or restore it from a backup.</source>
        <translation>Déplacez le fichier ailleurs (rien n’est supprimé) et relancez pour la reconstruire, ou restaurez-la depuis une sauvegarde.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database {where} is locked by another program.</source>
        <translation>La base de données {where} est verrouillée par un autre programme.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the other Relais window using it, then try again.</source>
        <translation>Fermez l’autre fenêtre Relais qui l’utilise, puis réessayez.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Relais cannot open or write the database {where}.</source>
        <translation>Relais ne peut pas ouvrir ni écrire la base de données {where}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the folder exists and that you may write in it.</source>
        <translation>Vérifiez que le dossier existe et que vous pouvez y écrire.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The disk holding {where} is full or failing.</source>
        <translation>Le disque qui contient {where} est plein ou défaillant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free some space; what you wrote is kept until then.</source>
        <translation>Libérez de l’espace&#xa0;; ce que vous avez écrit est conservé d’ici là.</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>The central database {where} refused this login.</source>
        <translation>La base centrale {where} a refusé cette connexion.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check your login and password, or ask an administrator to reset them.</source>
        <translation>Vérifiez votre identifiant et votre mot de passe, ou demandez à un administrateur de les réinitialiser.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The central database {where} does not answer.</source>
        <translation>La base centrale {where} ne répond pas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the network and the address; you can keep working offline.</source>
        <translation>Vérifiez le réseau et l’adresse&#xa0;; vous pouvez continuer à travailler hors ligne.</translation>
    </message>
    <message>
        <location filename="../../app/paths.py" line="+147"/>
        <source>{path} is a file, not a folder.</source>
        <translation>{path} est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder for Relais&apos;s data with --data-dir.</source>
        <translation>Choisissez un dossier pour les données de Relais avec --data-dir.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Relais cannot use the folder {path}: {reason}.</source>
        <translation>Relais ne peut pas utiliser le dossier {path}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you may write in with --data-dir, or fix its rights.</source>
        <translation>Choisissez avec --data-dir un dossier où vous pouvez écrire, ou corrigez ses droits.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Relais cannot write in {path}.</source>
        <translation>Relais ne peut pas écrire dans {path}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another folder with --data-dir.</source>
        <translation>Choisissez un autre dossier avec --data-dir.</translation>
    </message>
    <message>
        <location filename="../../app/placeholders.py" line="+49"/>
        <source>Template “{key}” uses an unknown placeholder {{{{{name}}}}}.</source>
        <translation>Le modèle «&#xa0;{key}&#xa0;» utilise un champ inconnu {{{{{name}}}}}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Known placeholders are: {known}.</source>
        <translation>Les champs connus sont&#xa0;: {known}.</translation>
    </message>
    <message>
        <location filename="../../app/seed/checks.py" line="+33"/>
        <source>Sizes cannot be negative (customers {customers}, contacts {contacts}, queue {queue}).</source>
        <translation>Les tailles ne peuvent pas être négatives (clients {customers}, contacts {contacts}, file {queue}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give 0 or a positive number for each.</source>
        <translation>Indiquez 0 ou un nombre positif pour chacune.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{value:,} customers is more than the {limit:,} allowed.</source>
        <translation>{value:,} clients, c’est plus que les {limit:,} autorisés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask for {limit:,} customers or fewer.</source>
        <translation>Demandez {limit:,} clients au plus.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{value:,} contacts is more than the {limit:,} allowed.</source>
        <translation>{value:,} contacts, c’est plus que les {limit:,} autorisés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask for {limit:,} contacts or fewer.</source>
        <translation>Demandez {limit:,} contacts au plus.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{value:,} queued contacts is more than the {limit:,} allowed.</source>
        <translation>{value:,} contacts en file, c’est plus que les {limit:,} autorisés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask for {limit:,} queued contacts or fewer.</source>
        <translation>Demandez {limit:,} contacts en file au plus.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Contacts need customers: {contacts} contacts and {queue} queued contacts were asked for, with no customers.</source>
        <translation>Les contacts ont besoin de clients&#xa0;: {contacts} contacts et {queue} contacts en file ont été demandés, sans aucun client.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask for at least one customer, or for no contacts.</source>
        <translation>Demandez au moins un client, ou aucun contact.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reason code “{code}” has no {field}.</source>
        <translation>Le code motif «&#xa0;{code}&#xa0;» n’a pas de champ {field}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every reason code needs a code, both labels and a category.</source>
        <translation>Chaque code motif doit avoir un code, ses deux libellés et une catégorie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The reason code “{code}” is given twice.</source>
        <translation>Le code motif «&#xa0;{code}&#xa0;» figure deux fois.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give each reason code its own code.</source>
        <translation>Donnez à chaque motif un code distinct.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Template “{key}” has no {field}.</source>
        <translation>Le modèle «&#xa0;{key}&#xa0;» n’a pas de champ {field}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every template needs a key, a category, a language, channels, a title and a body.</source>
        <translation>Chaque modèle doit avoir une clé, une catégorie, une langue, des canaux, un titre et un texte.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Two templates have the key “{key}”.</source>
        <translation>Deux modèles ont la clé «&#xa0;{key}&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give each template its own key.</source>
        <translation>Donnez à chaque modèle une clé distincte.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template “{key}” is in an unknown language “{language}”.</source>
        <translation>Le modèle «&#xa0;{key}&#xa0;» est dans une langue inconnue, «&#xa0;{language}&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use fr or en.</source>
        <translation>Utilisez fr ou en.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Template “{key}” names an unknown channel “{channel}”.</source>
        <translation>Le modèle «&#xa0;{key}&#xa0;» cite un canal inconnu, «&#xa0;{channel}&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Channels are: {known}.</source>
        <translation>Les canaux sont&#xa0;: {known}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Template “{key}” puts account data in a reply and is made for {channel}, where replies can be public.</source>
        <translation>Le modèle «&#xa0;{key}&#xa0;» met des données de compte dans la réponse et il est prévu pour {channel}, où les réponses peuvent être publiques.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Take {channel} out of its channels, or the account data out of it.</source>
        <translation>Retirez {channel} de ses canaux, ou les données de compte du modèle.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Template “{key}” is longer than {channel} accepts ({used} for {limit}).</source>
        <translation>Le modèle «&#xa0;{key}&#xa0;» est plus long que ce que {channel} accepte ({used} pour {limit}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shorten it, or take {channel} out of its channels.</source>
        <translation>Raccourcissez-le, ou retirez {channel} de ses canaux.</translation>
    </message>
    <message>
        <location filename="../../app/placeholders.py" line="+8"/>
        <source>Template “{key}” has a placeholder that is not closed.</source>
        <translation>Le modèle «&#xa0;{key}&#xa0;» contient un champ qui n’est pas fermé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write placeholders as {{{{name}}}}, e.g. {{{{customer_first_name}}}}.</source>
        <translation>Écrivez les champs sous la forme {{{{nom}}}}, par exemple {{{{customer_first_name}}}}.</translation>
    </message>
    <message>
        <location filename="../../app/services/contacts.py" line="+83"/>
        <source>Relais cannot keep {field}: {problem}.</source>
        <translation>Relais ne peut pas enregistrer {field}&#xa0;: {problem}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct it and try again; what you wrote is still there.</source>
        <translation>Corrigez puis réessayez&#xa0;; ce que vous avez écrit est toujours là.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/case_view.py" line="+91"/>
        <source>You can open only the cases you closed yourself.</source>
        <translation>Vous ne pouvez ouvrir que les dossiers que vous avez vous-même clôturés.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../app/backoffice/cases.py" line="+150"/>
        <location filename="../../app/backoffice/reviews.py" line="+166"/>
        <source>You review the cases of your own team only.</source>
        <translation>Vous n’examinez que les dossiers de votre propre équipe.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/backoffice/cases.py" line="+1"/>
        <location filename="../../app/backoffice/reviews.py" line="+1"/>
        <source>Ask an administrator or a quality reviewer.</source>
        <translation>Adressez-vous à un administrateur ou à un chargé qualité.</translation>
    </message>
    <message>
        <location line="+44"/>
        <location filename="../../app/backoffice/refusals.py" line="+121"/>
        <location filename="../../app/backoffice/verbatims.py" line="+152"/>
        <location filename="../../app/services/contacts.py" line="+44"/>
        <location filename="../../app/services/queue.py" line="+344"/>
        <location line="+43"/>
        <source>This contact no longer exists.</source>
        <translation>Ce contact n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../app/services/contacts.py" line="+231"/>
        <source>The note is empty.</source>
        <translation>La note est vide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write something before adding it.</source>
        <translation>Écrivez quelque chose avant de l’ajouter.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>“{number}” is not a phone number.</source>
        <translation>«&#xa0;{number}&#xa0;» n&apos;est pas un numéro de téléphone.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check it, or leave it empty when the caller&apos;s number is withheld.</source>
        <translation>Vérifiez-le, ou laissez-le vide quand le numéro de l&apos;appelant est masqué.</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The reply is empty.</source>
        <translation>La réponse est vide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write an answer or insert a template with Ctrl+T.</source>
        <translation>Rédigez une réponse ou insérez un modèle avec Ctrl+T.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reply still has placeholders to fill: {names}.</source>
        <translation>La réponse contient encore des champs à compléter&#xa0;: {names}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace each highlighted {{{{…}}}} with its value or remove it.</source>
        <translation>Remplacez chaque {{{{…}}}} surligné par sa valeur, ou supprimez-le.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Not sent: the reply holds the customer&apos;s account number, and replies on {channel} can be public.</source>
        <translation>Non envoyé&#xa0;: la réponse contient le numéro de compte du client, et les réponses sur {channel} peuvent être publiques.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove it, or ask the customer to continue by e-mail; your text is still here.</source>
        <translation>Retirez-le, ou proposez au client de poursuivre par e-mail&#xa0;; votre texte est toujours là.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/refusals.py" line="-74"/>
        <source>Only supervisors and administrators edit scorecards.</source>
        <translation>Seuls les superviseurs et les administrateurs modifient les grilles d’évaluation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask your supervisor to change the scorecard.</source>
        <translation>Demandez à votre superviseur de modifier la grille d’évaluation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A scorecard needs a name of at most 120 characters.</source>
        <translation>Une grille d’évaluation doit avoir un nom de 120 caractères au plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name it after what it evaluates, e.g. “E-mail quality”.</source>
        <translation>Nommez-la d’après ce qu’elle évalue, par exemple «&#xa0;Qualité des e-mails&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another scorecard (active or retired) has this name.</source>
        <translation>Une autre grille d’évaluation (active ou archivée) porte ce nom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another name, or add a version to that scorecard.</source>
        <translation>Choisissez un autre nom, ou ajoutez une version à cette grille.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A scorecard needs at least one criterion.</source>
        <translation>Une grille d’évaluation doit avoir au moins un critère.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the criteria it scores, each with a weight.</source>
        <translation>Ajoutez les critères qu’elle note, chacun avec son poids.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A scorecard has at most 50 criteria.</source>
        <translation>Une grille d’évaluation a 50 critères au plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group related criteria into one.</source>
        <translation>Regroupez les critères proches en un seul.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each criterion needs a key, a label and a weight.</source>
        <translation>Chaque critère doit avoir une clé, un libellé et un poids.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A criterion&apos;s key has 1 to 40 characters: lowercase letters a-z, digits and _.</source>
        <translation>La clé d’un critère compte de 1 à 40 caractères&#xa0;: lettres minuscules a-z, chiffres et _.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For example “greeting” or “solution_given”.</source>
        <translation>Par exemple «&#xa0;greeting&#xa0;» ou «&#xa0;solution_given&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two criteria have the same key.</source>
        <translation>Deux critères ont la même clé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give each criterion a key of its own.</source>
        <translation>Donnez à chaque critère une clé distincte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each criterion needs a label of at most 200 characters.</source>
        <translation>Chaque critère doit avoir un libellé de 200 caractères au plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say what the evaluator looks at, e.g. “Greets the customer”.</source>
        <translation>Dites ce que l’évaluateur observe, par exemple «&#xa0;Salue le client&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A criterion&apos;s weight is a number above 0, at most 1000.</source>
        <translation>Le poids d’un critère est un nombre supérieur à 0 et au plus égal à 1000.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use 1 for an ordinary criterion, 2 for one counting double.</source>
        <translation>Mettez 1 pour un critère ordinaire, 2 pour un critère qui compte double.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The new version has the same criteria as the current one.</source>
        <translation>La nouvelle version a les mêmes critères que la version en vigueur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change a criterion, a label or a weight first.</source>
        <translation>Modifiez d’abord un critère, un libellé ou un poids.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This scorecard no longer exists.</source>
        <translation>Cette grille d’évaluation n’existe plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another scorecard.</source>
        <translation>Choisissez une autre grille d’évaluation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This scorecard is retired.</source>
        <translation>Cette grille d’évaluation est archivée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an active scorecard.</source>
        <translation>Choisissez une grille d’évaluation active.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You may not enter this kind of evaluation.</source>
        <translation>Vous ne pouvez pas saisir ce type d’évaluation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A supervisor of the contact&apos;s team enters the manager&apos;s evaluation, a quality reviewer the quality evaluation.</source>
        <translation>Un superviseur de l’équipe du contact saisit l’évaluation managériale, un chargé qualité l’évaluation qualité.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This contact is not of your team.</source>
        <translation>Ce contact n’est pas de votre équipe.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A supervisor of its team enters the manager&apos;s evaluation.</source>
        <translation>C’est un superviseur de son équipe qui saisit l’évaluation managériale.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot evaluate a contact you closed yourself.</source>
        <translation>Vous ne pouvez pas évaluer un contact que vous avez vous-même clôturé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask another supervisor or a quality reviewer.</source>
        <translation>Demandez à un autre superviseur ou à un chargé qualité.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This contact is not closed yet.</source>
        <translation>Ce contact n’est pas encore clôturé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluate it once the advisor has closed it.</source>
        <translation>Évaluez-le une fois que le conseiller l’aura clôturé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the kind of evaluation: manager or quality.</source>
        <translation>Choisissez le type d’évaluation&#xa0;: managériale ou qualité.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/services/contacts.py" line="+15"/>
        <source>Choose how satisfied you think the customer is (1 to 4).</source>
        <translation>Indiquez votre ressenti sur la satisfaction du client (1 à 4).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Score every criterion from 1 to 4.</source>
        <translation>Notez chaque critère de 1 à 4.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Score every criterion of the scorecard, and no other.</source>
        <translation>Notez tous les critères de la grille d’évaluation, et aucun autre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scorecard may have changed: open the case again.</source>
        <translation>La grille d’évaluation a peut-être changé&#xa0;: rouvrez le dossier.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the advisor evaluated answers an evaluation.</source>
        <translation>Seul le conseiller évalué répond à une évaluation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say whether you agree with the evaluation or contest it.</source>
        <translation>Indiquez si vous acceptez l’évaluation ou si vous la contestez.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say why you contest the evaluation.</source>
        <translation>Indiquez pourquoi vous contestez l’évaluation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your supervisor reads your reason beside the evaluation.</source>
        <translation>Votre superviseur lira votre motif à côté de l’évaluation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The comment is too long: at most 4,000 characters.</source>
        <translation>Le commentaire est trop long&#xa0;: 4&#xa0;000 caractères au plus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The evaluator has replaced this evaluation.</source>
        <translation>L’évaluateur a remplacé cette évaluation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer the newer one.</source>
        <translation>Répondez à la plus récente.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have already answered this evaluation.</source>
        <translation>Vous avez déjà répondu à cette évaluation.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a supervisor of the contact&apos;s team reviews it.</source>
        <translation>Seul un superviseur de l’équipe du contact peut l’examiner.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This review item no longer exists.</source>
        <translation>Cet élément de la liste de revue n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../app/services/contacts.py" line="+9"/>
        <source>Choose an outcome.</source>
        <translation>Choisissez un résultat.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>The follow-up is planned in the past.</source>
        <translation>Le suivi est prévu dans le passé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a time from now on.</source>
        <translation>Choisissez une heure à venir.</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Choose a reason for the contact.</source>
        <translation>Choisissez un motif pour le contact.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The centre is closed on {when}: nobody could follow up then.</source>
        <translation>Le centre est fermé le {when}&#xa0;: personne ne pourrait assurer le suivi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a time in opening hours, such as {next}.</source>
        <translation>Choisissez un moment dans les heures d’ouverture, par exemple le {next}.</translation>
    </message>
    <message>
        <location line="+60"/>
        <location filename="../../app/services/queue.py" line="+11"/>
        <source>Contact {reference} is not yours to work on any more.</source>
        <translation>Le contact {reference} ne vous est plus attribué.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/services/queue.py" line="+3"/>
        <source>It was closed or handed to someone else; your draft is kept.</source>
        <translation>Il a été clôturé ou confié à quelqu’un d’autre&#xa0;; votre brouillon est conservé.</translation>
    </message>
    <message>
        <location filename="../../app/services/customers.py" line="+188"/>
        <location line="+193"/>
        <source>This customer no longer exists.</source>
        <translation>Ce client n’existe plus.</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>This contact or customer no longer exists.</source>
        <translation>Ce contact ou ce client n’existe plus.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Take contact {reference} before linking it.</source>
        <translation>Prenez le contact {reference} avant de le rattacher.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the advisor handling a contact may link it to a customer.</source>
        <translation>Seul le conseiller qui traite un contact peut le rattacher à un client.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>These customer fields cannot be changed: {names}.</source>
        <translation>Ces champs du client ne peuvent pas être modifiés&#xa0;: {names}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+23"/>
        <source>A customer needs a name.</source>
        <translation>Un client doit avoir un nom.</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Type at least a first or a last name.</source>
        <translation>Saisissez au moins un prénom ou un nom.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“{text}” is not a valid {kind}.</source>
        <translation>«&#xa0;{text}&#xa0;»&#xa0;: {kind} non valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check it, or leave the field empty to add it later.</source>
        <translation>Vérifiez la saisie, ou laissez le champ vide pour le compléter plus tard.</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>This customer is not on this workstation yet.</source>
        <translation>Ce client n’est pas encore sur ce poste.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>They come as soon as the central database answers again.</source>
        <translation>Il arrivera dès que la base centrale répondra de nouveau.</translation>
    </message>
    <message>
        <location filename="../../app/services/queue.py" line="-52"/>
        <source>Contact {reference} is already being handled or closed.</source>
        <translation>Le contact {reference} est déjà en cours de traitement ou clôturé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open it from the history to read it.</source>
        <translation>Ouvrez-le depuis l’historique pour le lire.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Contact {reference} cannot go back to the queue now.</source>
        <translation>Le contact {reference} ne peut pas retourner dans la file maintenant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is not yours any more, or your changes on it are still waiting.</source>
        <translation>Il n’est plus à vous, ou vos modifications sur ce contact n’ont pas encore été envoyées.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/template_admin.py" line="+132"/>
        <source>Only supervisors and administrators write, approve and retire templates.</source>
        <translation>Seuls les superviseurs et les administrateurs rédigent, approuvent et archivent les modèles.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask your supervisor to change the template.</source>
        <translation>Demandez à votre superviseur de modifier le modèle.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You wrote this draft: another supervisor approves it.</source>
        <translation>Vous avez rédigé ce brouillon&#xa0;: un autre superviseur doit l’approuver.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask another supervisor (or an administrator) to read and approve it.</source>
        <translation>Demandez à un autre superviseur (ou à un administrateur) de le relire et de l’approuver.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A template&apos;s key has 1 to 80 characters: lowercase letters a-z, digits, _ and -.</source>
        <translation>La clé d’un modèle compte de 1 à 80 caractères&#xa0;: lettres minuscules a-z, chiffres, _ et -.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For example “withdrawal_delay”: the same key for each language.</source>
        <translation>Par exemple «&#xa0;withdrawal_delay&#xa0;»&#xa0;: la même clé pour chaque langue.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the template&apos;s language: French or English.</source>
        <translation>Choisissez la langue du modèle&#xa0;: français ou anglais.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the channels the template is made for.</source>
        <translation>Choisissez les canaux pour lesquels le modèle est prévu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At least one, each once.</source>
        <translation>Au moins un, chacun une seule fois.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A template needs a category of at most 80 characters.</source>
        <translation>Un modèle doit avoir une catégorie de 80 caractères au plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example “Payments”.</source>
        <translation>Par exemple «&#xa0;Paiements&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A template needs a title of at most 200 characters.</source>
        <translation>Un modèle doit avoir un titre de 200 caractères au plus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A template needs a text of at most 20,000 characters.</source>
        <translation>Un modèle doit avoir un texte de 20&#xa0;000 caractères au plus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../app/services/templates.py" line="+203"/>
        <source>This template no longer exists.</source>
        <translation>Ce modèle n’existe plus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This version of the template no longer exists.</source>
        <translation>Cette version du modèle n’existe plus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This version is no longer waiting for approval.</source>
        <translation>Cette version n’attend plus d’approbation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone approved it or wrote a newer draft: read the list again.</source>
        <translation>Quelqu’un l’a approuvée ou a rédigé un brouillon plus récent&#xa0;: actualisez la liste.</translation>
    </message>
    <message>
        <location filename="../../app/connection.py" line="+96"/>
        <source>No login given for the central database.</source>
        <translation>Aucun identifiant n&apos;est donné pour la base centrale.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give your login with --login LOGIN.</source>
        <translation>Donnez votre identifiant avec --login IDENTIFIANT.</translation>
    </message>
    <message>
        <location line="+71"/>
        <location filename="../../app/workspace.py" line="+87"/>
        <source>Another Relais window is already using {path}.</source>
        <translation>Une autre fenêtre Relais utilise déjà {path}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/workspace.py" line="+1"/>
        <source>Switch to that window, or start this one with another --data-dir.</source>
        <translation>Passez à cette fenêtre, ou lancez celle-ci avec un autre --data-dir.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The copy in {path} belongs to {login} on another centre or login.</source>
        <translation>La copie dans {path} appartient à {login}, sur un autre centre ou avec un autre identifiant.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start with another --data-dir, or move that folder aside (nothing is deleted).</source>
        <translation>Démarrez avec un autre --data-dir, ou mettez ce dossier de côté (rien n&apos;est effacé).</translation>
    </message>
    <message>
        <location filename="../../app/workspace.py" line="+65"/>
        <source>There is no active user “{login}”.</source>
        <translation>Il n’y a pas d’utilisateur actif «&#xa0;{login}&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask an administrator to add you.</source>
        <translation>Demandez à un administrateur de vous ajouter.</translation>
    </message>
    <message>
        <location filename="../../app/users.py" line="-355"/>
        <source>“{login}” cannot be a login.</source>
        <translation>«&#xa0;{login}&#xa0;» ne peut pas être un identifiant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use 2 to 63 lower-case letters, digits, dots, dashes or underscores, starting with a letter (not “pg_” nor “relais_”).</source>
        <translation>Utilisez de 2 à 63 lettres minuscules, chiffres, points, tirets ou soulignés, en commençant par une lettre (ni «&#xa0;pg_&#xa0;» ni «&#xa0;relais_&#xa0;»).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>team name</source>
        <translation>nom de l’équipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The {what} must be one line of 1 to {limit} characters.</source>
        <translation>Le {what} doit tenir sur une ligne de 1 à {limit} caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give a shorter name, on one line.</source>
        <translation>Donnez un nom plus court, sur une seule ligne.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{login} is not a user of this centre.</source>
        <translation>{login} n’est pas un utilisateur de ce centre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“relais user list --url …” lists them.</source>
        <translation>«&#xa0;relais user list --url …&#xa0;» les liste.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{login} already exists on this database server and {why}.</source>
        <translation>{login} existe déjà sur ce serveur de bases de données et {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another login: Relais never takes over a role it did not make.</source>
        <translation>Choisissez un autre identifiant&#xa0;: Relais ne s’approprie jamais un rôle qu’il n’a pas créé.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>is a superuser</source>
        <translation>est un superutilisateur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>is a group role</source>
        <translation>est un rôle de groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is not a user of this centre</source>
        <translation>n’est pas un utilisateur de ce centre</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+29"/>
        <source>A PostgreSQL user needs a password.</source>
        <translation>Un utilisateur PostgreSQL a besoin d’un mot de passe.</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Type it when asked, or pipe it with --password-stdin.</source>
        <translation>Tapez-le quand il est demandé, ou transmettez-le avec --password-stdin.</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="+2"/>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/centre.py" line="+74"/>
        <location filename="../../app/commands.py" line="+41"/>
        <source>This workstation is not connected to a centre yet.</source>
        <translation>Ce poste n&apos;est pas encore connecté à un centre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/commands.py" line="+1"/>
        <source>Run “relais connect --url …” first, or add --demo.</source>
        <translation>Lancez d’abord «&#xa0;relais connect --url …&#xa0;», ou ajoutez --demo.</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="+10"/>
        <source>There is no workstation copy in {path} yet.</source>
        <translation>Il n&apos;y a pas encore de copie de poste dans {path}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run “relais connect --url …” (or “relais demo”) first.</source>
        <translation>Lancez d&apos;abord «&#xa0;relais connect --url …&#xa0;» (ou «&#xa0;relais demo&#xa0;»).</translation>
    </message>
    <message>
        <location filename="../../app/sync/handshake.py" line="+63"/>
        <source>{where} holds no Relais central database yet.</source>
        <translation>{where} ne contient pas encore de base centrale Relais.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask an administrator to run “relais central init” on it.</source>
        <translation>Demandez à un administrateur d’y lancer «&#xa0;relais central init&#xa0;».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The central database is older than this version of Relais.</source>
        <translation>La base centrale est plus ancienne que cette version de Relais.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask an administrator to run “relais central init” to upgrade it; your changes wait safely on this workstation.</source>
        <translation>Demandez à un administrateur de lancer «&#xa0;relais central init&#xa0;» pour la mettre à jour&#xa0;; vos modifications attendent en sécurité sur ce poste.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The central database is newer than this version of Relais.</source>
        <translation>La base centrale est plus récente que cette version de Relais.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install the latest Relais on this workstation; your changes wait safely here until then.</source>
        <translation>Installez la dernière version de Relais sur ce poste&#xa0;; vos modifications attendent ici en sécurité jusque-là.</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="-39"/>
        <source>The password for the centre is needed.</source>
        <translation>Le mot de passe du centre est nécessaire.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start Relais on a screen to type it.</source>
        <translation>Démarrez Relais sur un écran pour le saisir.</translation>
    </message>
    <message>
        <location filename="../../app/db.py" line="-131"/>
        <location line="+16"/>
        <source>Your changes wait on this workstation and go in a moment.</source>
        <translation>Vos modifications attendent sur ce poste et partent dans un instant.</translation>
    </message>
    <message>
        <location filename="../../app/migrations/__init__.py" line="+170"/>
        <source>The central database {where} was made by a newer Relais (schema {revision}).</source>
        <translation>La base centrale {where} a été faite par une version plus récente de Relais (schéma {revision}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Install that newer Relais to manage it; nothing was changed.</source>
        <translation>Installez cette version plus récente de Relais pour la gérer&#xa0;; rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This workstation&apos;s copy {where} was made by a newer Relais (schema {revision}).</source>
        <translation>La copie de ce poste {where} a été faite par une version plus récente de Relais (schéma {revision}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Install that newer Relais on this workstation (nothing was changed), or start with another --data-dir.</source>
        <translation>Installez cette version plus récente de Relais sur ce poste (rien n’a été modifié), ou démarrez avec un autre --data-dir.</translation>
    </message>
    <message>
        <location filename="../../app/settings.py" line="+90"/>
        <source>Relais cannot save its settings in {path}: {reason}.</source>
        <translation>Relais ne peut pas enregistrer ses réglages dans {path}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make that folder yours and writable (or remove the file that is in the way).</source>
        <translation>Faites de ce dossier le vôtre, accessible en écriture (ou retirez le fichier qui occupe sa place).</translation>
    </message>
    <message>
        <location filename="../../app/sync/centre.py" line="+40"/>
        <source>{login} is not an active user of this central database.</source>
        <translation>{login} n’est pas un utilisateur actif de cette base centrale.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask an administrator to enable your login; your changes wait on this workstation.</source>
        <translation>Demandez à un administrateur de réactiver votre identifiant&#xa0;; vos modifications attendent sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../app/channels.py" line="+12"/>
        <source>Not sent: the reply takes {used} bytes and {channel} accepts {limit} ({excess} too many; an accented letter takes 2, an emoji 4).</source>
        <translation>Non envoyé&#xa0;: la réponse fait {used} octets et {channel} en accepte {limit} ({excess} de trop&#xa0;; une lettre accentuée en prend 2, un émoji 4).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not sent: the reply is {used} characters long and {channel} accepts {limit} ({excess} too many).</source>
        <translation>Non envoyé&#xa0;: la réponse fait {used} caractères et {channel} en accepte {limit} ({excess} de trop).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shorten it and send again: your text is still here.</source>
        <translation>Raccourcissez-la et envoyez-la de nouveau&#xa0;: votre texte est toujours là.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/alignment_sql.py" line="+368"/>
        <location filename="../../app/backoffice/indicators.py" line="+108"/>
        <source>The period ends ({end}) before it starts ({start}).</source>
        <translation>La période se termine ({end}) avant de commencer ({start}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give --from the first day and --to the last.</source>
        <translation>Indiquez le premier jour avec --from et le dernier avec --to.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>An advisor sees their own alignment only, not that of “{login}”.</source>
        <translation>Un conseiller ne voit que son propre alignement, pas celui de «&#xa0;{login}&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave out --advisor to see yours.</source>
        <translation>Omettez --advisor pour voir le vôtre.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An advisor sees their own alignment only, not the team “{team}”.</source>
        <translation>Un conseiller ne voit que son propre alignement, pas celui de l’équipe «&#xa0;{team}&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave out --team to see yours.</source>
        <translation>Omettez --team pour voir le vôtre.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You supervise no team: there is no alignment to read.</source>
        <translation>Vous ne supervisez aucune équipe&#xa0;: il n’y a pas d’alignement à consulter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/backoffice/indicators.py" line="+36"/>
        <source>Ask an administrator to put you in your team.</source>
        <translation>Demandez à un administrateur de vous rattacher à votre équipe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A supervisor reads their own team&apos;s alignment only ({mine}).</source>
        <translation>Un superviseur ne consulte que l’alignement de sa propre équipe ({mine}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave out --team, or ask an administrator.</source>
        <translation>Omettez --team, ou adressez-vous à un administrateur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{login}” is not in your team ({mine}).</source>
        <translation>«&#xa0;{login}&#xa0;» n’est pas dans votre équipe ({mine}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A supervisor reads their own team&apos;s alignment only.</source>
        <translation>Un superviseur ne consulte que l’alignement de sa propre équipe.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{login}” is not in the team “{team}”.</source>
        <translation>«&#xa0;{login}&#xa0;» n’est pas dans l’équipe «&#xa0;{team}&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave out --team, or give theirs.</source>
        <translation>Omettez --team, ou indiquez la sienne.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../../app/backoffice/indicators.py" line="+34"/>
        <source>There is no team “{team}”.</source>
        <translation>Il n’y a pas d’équipe «&#xa0;{team}&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/backoffice/indicators.py" line="+1"/>
        <source>Give the team&apos;s name as the centre spells it.</source>
        <translation>Indiquez le nom de l’équipe tel que le centre l’écrit.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no advisor “{login}”.</source>
        <translation>Il n’y a pas de conseiller «&#xa0;{login}&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the advisor&apos;s login.</source>
        <translation>Indiquez l’identifiant du conseiller.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/cases.py" line="-24"/>
        <source>The period ends before it starts.</source>
        <translation>La période se termine avant de commencer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/backoffice/indicators.py" line="-70"/>
        <location line="+7"/>
        <source>Choose an end after the start.</source>
        <translation>Choisissez une fin postérieure au début.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A self-assessment is 1 to 4, and a CSAT answer 1 to 5.</source>
        <translation>Un ressenti va de 1 à 4, et une réponse CSAT de 1 à 5.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You see only the cases you closed yourself.</source>
        <translation>Vous ne voyez que les dossiers que vous avez vous-même clôturés.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/centre_calls.py" line="+50"/>
        <source>The central database refused these values: {why}.</source>
        <translation>La base centrale a refusé ces valeurs&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct them and try again; nothing was saved.</source>
        <translation>Corrigez-les et réessayez&#xa0;; rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/export.py" line="+187"/>
        <source>Relais exports to .csv or .xlsx files, not “{name}”.</source>
        <translation>Relais exporte vers des fichiers .csv ou .xlsx, pas «&#xa0;{name}&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a file name ending in .csv or .xlsx.</source>
        <translation>Choisissez un nom de fichier se terminant par .csv ou .xlsx.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Relais cannot write {path}: {reason}.</source>
        <translation>Relais ne peut pas écrire {path}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another folder, or close the file if it is open.</source>
        <translation>Choisissez un autre dossier, ou fermez le fichier s’il est ouvert.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/focus.py" line="+86"/>
        <source>“{key}” is not an indicator a team can follow.</source>
        <translation>«&#xa0;{key}&#xa0;» n’est pas un indicateur qu’une équipe peut suivre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose one of: {keys}.</source>
        <translation>Choisissez parmi&#xa0;: {keys}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no team to set the focus indicator of.</source>
        <translation>Il n’y a pas d’équipe dont fixer l’indicateur prioritaire.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A supervisor sets their own team&apos;s; an administrator names the team.</source>
        <translation>Un superviseur fixe celui de sa propre équipe&#xa0;; un administrateur désigne l’équipe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only a supervisor of the team, or an administrator, sets its focus.</source>
        <translation>Seul un superviseur de l’équipe, ou un administrateur, fixe son indicateur prioritaire.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask your supervisor to change the team&apos;s focus.</source>
        <translation>Demandez à votre superviseur de changer l’indicateur prioritaire de l’équipe.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/incidents.py" line="+47"/>
        <source>An incident needs a title.</source>
        <translation>Un incident doit avoir un titre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say in a few words what is happening, e.g. “Payment page down”.</source>
        <translation>Dites en quelques mots ce qui se passe, par exemple «&#xa0;Page de paiement en panne&#xa0;».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The incident&apos;s title or message is too long.</source>
        <translation>Le titre ou le message de l’incident est trop long.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the title under 200 characters and the message under 20,000.</source>
        <translation>Limitez le titre à 200 caractères et le message à 20&#xa0;000.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The expected end is before the incident starts.</source>
        <translation>La fin prévue précède le début de l’incident.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set an end after the start, or leave the end empty.</source>
        <translation>Choisissez une fin postérieure au début, ou laissez la fin vide.</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Only supervisors publish and end incidents.</source>
        <translation>Seuls les superviseurs publient les incidents et y mettent fin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask your supervisor to publish it.</source>
        <translation>Demandez à votre superviseur de le publier.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The template chosen for the incident no longer exists.</source>
        <translation>Le modèle choisi pour l’incident n’existe plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another template, or none.</source>
        <translation>Choisissez un autre modèle, ou aucun.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This incident no longer exists.</source>
        <translation>Cet incident n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/indicators.py" line="-1"/>
        <source>The period is empty: it starts and ends at {start}.</source>
        <translation>La période est vide&#xa0;: elle commence et se termine à {start}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The indicators are for supervisors and administrators.</source>
        <translation>Les indicateurs sont réservés aux superviseurs et aux administrateurs.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your own figures are in your calibration.</source>
        <translation>Vos propres chiffres sont dans votre calibration.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>You supervise no team: there are no indicators.</source>
        <translation>Vous ne supervisez aucune équipe&#xa0;: il n’y a pas d’indicateurs.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A supervisor reads their own team&apos;s indicators only ({mine}).</source>
        <translation>Un superviseur ne consulte que les indicateurs de sa propre équipe ({mine}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose your team, or ask an administrator.</source>
        <translation>Choisissez votre équipe, ou adressez-vous à un administrateur.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>There is no channel “{channel}”.</source>
        <translation>Il n’y a pas de canal «&#xa0;{channel}&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give one of: {channels}.</source>
        <translation>Indiquez l’un de ceux-ci&#xa0;: {channels}.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/indicators_figures.py" line="+98"/>
        <source>The indicators&apos; computation was cancelled.</source>
        <translation>Le calcul des indicateurs a été annulé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was changed; start it again when you need them.</source>
        <translation>Rien n’a été modifié&#xa0;; relancez-le quand vous en aurez besoin.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>“{zone}” is not a time zone Relais knows.</source>
        <translation>«&#xa0;{zone}&#xa0;» n’est pas un fuseau horaire connu de Relais.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give an IANA name such as “Europe/Paris”.</source>
        <translation>Indiquez un nom IANA tel que «&#xa0;Europe/Paris&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/reviews.py" line="-93"/>
        <source>Only supervisors and administrators work the review list.</source>
        <translation>Seuls les superviseurs et les administrateurs traitent la liste de revue.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} has already taken this item.</source>
        <translation>{name} a déjà pris en charge cet élément.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave it to them, or ask them to hand it over.</source>
        <translation>Laissez-le-lui, ou demandez-lui de vous le confier.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This item is already done (by {name}).</source>
        <translation>Cet élément est déjà traité (par {name}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload the review list.</source>
        <translation>Rechargez la liste de revue.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/survey_file.py" line="+168"/>
        <source>Save it from your spreadsheet as CSV (UTF-8, or CSV with semicolons) and import it again; nothing was imported.</source>
        <translation>Enregistrez-le depuis votre tableur au format CSV (UTF-8, ou CSV séparé par des points-virgules) et importez-le à nouveau&#xa0;; rien n’a été importé.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{path} is a spreadsheet workbook, not a CSV file.</source>
        <translation>{path} est un classeur de tableur, pas un fichier CSV.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is neither UTF-8 nor Windows-1252 text.</source>
        <translation>{path} n’est un texte ni en UTF-8 ni en Windows-1252.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{path} holds text encoded twice (“Ã©” where “é” was meant).</source>
        <translation>{path} contient du texte encodé deux fois («&#xa0;Ã©&#xa0;» au lieu de «&#xa0;é&#xa0;»).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{path} is larger than 100 MB.</source>
        <translation>{path} dépasse 100&#xa0;Mo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split it into smaller files: each imports on its own.</source>
        <translation>Découpez-le en fichiers plus petits&#xa0;: chacun s’importe séparément.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read {path}: {reason}.</source>
        <translation>Impossible de lire {path}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s name and that you may read it.</source>
        <translation>Vérifiez le nom du fichier et que vous avez le droit de le lire.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{path} is empty.</source>
        <translation>{path} est vide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Nothing was imported.</source>
        <translation>Rien n’a été importé.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{path} has no survey answers below its header row.</source>
        <translation>{path} ne contient aucune réponse d’enquête sous sa ligne d’en-tête.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{path} has two columns for {column}: “{a}” and “{b}”.</source>
        <translation>{path} a deux colonnes pour {column}&#xa0;: «&#xa0;{a}&#xa0;» et «&#xa0;{b}&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep one of them; nothing was imported.</source>
        <translation>Gardez-en une seule&#xa0;; rien n’a été importé.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{path} has no column for {columns}.</source>
        <translation>{path} n’a pas de colonne pour {columns}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its first row names the columns: reference, csat and date are needed, nps, effort and verbatim may follow (in French: référence, csat, nps, effort client, commentaire, date). Nothing was imported.</source>
        <translation>Sa première ligne nomme les colonnes&#xa0;: référence, csat et date sont obligatoires, nps, effort client et commentaire sont facultatifs (en anglais&#xa0;: reference, csat, nps, effort, verbatim, date). Rien n’a été importé.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/surveys.py" line="+255"/>
        <source>Only supervisors and administrators import survey answers.</source>
        <translation>Seuls les superviseurs et les administrateurs importent les réponses d’enquête.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask your supervisor to import the file.</source>
        <translation>Demandez à votre superviseur d’importer le fichier.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/team_board.py" line="+81"/>
        <source>The team&apos;s board is for supervisors.</source>
        <translation>Le tableau de bord de l’équipe est réservé aux superviseurs.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your own contacts and follow-ups are on your desk.</source>
        <translation>Vos propres contacts et suivis sont dans votre espace conseiller.</translation>
    </message>
    <message>
        <location filename="../../app/backoffice/verbatims.py" line="-85"/>
        <source>Too many tags, or a tag too long.</source>
        <translation>Trop d’étiquettes, ou une étiquette trop longue.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use up to 10 tags of 40 characters at most.</source>
        <translation>Utilisez 10 étiquettes au plus, de 40 caractères au plus chacune.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>A verbatim holds 1 to 2,000 characters.</source>
        <translation>Un verbatim compte de 1 à 2&#xa0;000 caractères.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the customer&apos;s own words, shortened if need be.</source>
        <translation>Gardez les mots du client, raccourcis si besoin.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The verbatim board is your supervisor&apos;s.</source>
        <translation>Le tableau des verbatims appartient à votre superviseur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisors pin their own team&apos;s customers&apos; words.</source>
        <translation>Les superviseurs épinglent les paroles des clients de leur propre équipe.</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/scorecard_dialog.py" line="-39"/>
        <source>Line {line}: “{weight}” is not a weight.</source>
        <translation>Ligne {line}&#xa0;: «&#xa0;{weight}&#xa0;» n’est pas un poids.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the weight as a number, e.g. “Politeness: 2”.</source>
        <translation>Écrivez le poids sous forme de nombre, par exemple «&#xa0;Politesse&#xa0;: 2&#xa0;».</translation>
    </message>
    <message>
        <location filename="../../app/users.py" line="-6"/>
        <source>The embedded centre has no logins.</source>
        <translation>Le centre intégré n’a pas d’identifiants.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand it messages with relais ingest … --demo.</source>
        <translation>Remettez-lui des messages avec relais ingest … --demo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>is a person&apos;s login</source>
        <translation>est l’identifiant d’une personne</translation>
    </message>
    <message>
        <location filename="../../app/ingest/commands.py" line="+23"/>
        <source>{path} cannot be read: {why}.</source>
        <translation>{path} ne peut pas être lu&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s name and its rights.</source>
        <translation>Vérifiez le nom du fichier et ses droits.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>There is no demo centre in {path} yet.</source>
        <translation>Il n’y a pas encore de centre de démo dans {path}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start “relais demo” once first.</source>
        <translation>Lancez d’abord «&#xa0;relais demo&#xa0;» une fois.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Say which centre the messages go to.</source>
        <translation>Indiquez à quel centre vont les messages.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add --url and --login of a connector, or --demo.</source>
        <translation>Ajoutez --url et --login d’un connecteur, ou --demo.</translation>
    </message>
    <message>
        <location filename="../../app/connectors/service.py" line="+118"/>
        <source>The webhooks cannot listen on {host}:{port}: {why}.</source>
        <translation>Les webhooks ne peuvent pas écouter sur {host}:{port}&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free that port or change [webhooks] listen, and start again.</source>
        <translation>Libérez ce port ou changez listen dans [webhooks], puis relancez.</translation>
    </message>
    <message>
        <location line="+57"/>
        <location filename="../../app/ingest/commands.py" line="+11"/>
        <source>No password is known for {login} on this centre.</source>
        <translation>Aucun mot de passe n’est connu pour {login} sur ce centre.</translation>
    </message>
    <message>
        <location filename="../../app/ingest/commands.py" line="+1"/>
        <source>Pipe it with --password-stdin, or set {variable} for the service.</source>
        <translation>Transmettez-le avec --password-stdin, ou définissez {variable} pour le service.</translation>
    </message>
    <message>
        <location filename="../../app/ingest/mail.py" line="+68"/>
        <source>This e-mail is {size} MB; the limit is {limit} MB.</source>
        <translation>Cet e-mail fait {size}&#xa0;Mo&#xa0;; la limite est de {limit}&#xa0;Mo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the sender for a smaller one, or send it as a link.</source>
        <translation>Demandez à l’expéditeur un envoi plus léger, ou un lien.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This file is not an e-mail: it has none of a mail&apos;s headers.</source>
        <translation>Ce fichier n’est pas un e-mail&#xa0;: il n’a aucun des en-têtes d’un message.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give a message as saved by a mail program (.eml).</source>
        <translation>Donnez un message enregistré par un logiciel de messagerie (.eml).</translation>
    </message>
    <message>
        <location filename="../../app/ingest/receive.py" line="+320"/>
        <source>The centre refused the message: {why}.</source>
        <translation>Le centre a refusé le message&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was stored; the connector&apos;s log says which one.</source>
        <translation>Rien n’a été enregistré&#xa0;; le journal du connecteur dit lequel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No customer, or more than one, has the account number {ref}.</source>
        <translation>Aucun client, ou plus d’un, n’a le numéro de compte {ref}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the number on the letter; nothing was stored.</source>
        <translation>Vérifiez le numéro sur le courrier&#xa0;; rien n’a été enregistré.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This login may not hand messages to the centre.</source>
        <translation>Cet identifiant ne peut pas remettre de messages au centre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect as a connector: relais user add LOGIN --role connector.</source>
        <translation>Connectez-vous comme connecteur&#xa0;: relais user add LOGIN --role connector.</translation>
    </message>
    <message>
        <location filename="../../app/connectors/config.py" line="+562"/>
        <source>The connectors&apos; configuration {path} is wrong: {why}.</source>
        <translation>La configuration des connecteurs {path} est erronée&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct it (the README has an example) and start again.</source>
        <translation>Corrigez-la (le README en donne un exemple) et relancez.</translation>
    </message>
    <message>
        <location filename="../../app/connectors/service.py" line="+1"/>
        <location filename="../../app/connectors/webhooks.py" line="+66"/>
        <source>Set {variable} in the service&apos;s environment, or store it in the keyring.</source>
        <translation>Définissez {variable} dans l’environnement du service, ou enregistrez-le dans le trousseau.</translation>
    </message>
    <message>
        <location filename="../../app/ingest/webhook.py" line="+60"/>
        <source>{platform} is not a platform Relais receives from.</source>
        <translation>{platform} n&apos;est pas une plateforme dont Relais reçoit les messages.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say one of: {platforms}.</source>
        <translation>Indiquez l&apos;une de&#xa0;: {platforms}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This is not a {platform} webhook request: {why}.</source>
        <translation>Ce n&apos;est pas une requête webhook {platform}&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing of it was stored. Check that it is whole, as the platform posted it.</source>
        <translation>Rien n&apos;en a été enregistré. Vérifiez qu&apos;elle est complète, telle que la plateforme l&apos;a envoyée.</translation>
    </message>
    <message>
        <location filename="../../app/connectors/webhooks.py" line="-1"/>
        <source>No value is known for “{what}” of {where}.</source>
        <translation>Aucune valeur n&apos;est connue pour «&#xa0;{what}&#xa0;» de {where}.</translation>
    </message>
    <message>
        <location filename="../../app/services/attachments.py" line="+34"/>
        <source>This file is not on this workstation.</source>
        <translation>Ce fichier n’est pas sur ce poste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The centre did not keep this file.</source>
        <translation>Le centre n’a pas conservé ce fichier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the customer to send it another way.</source>
        <translation>Demandez au client de l’envoyer autrement.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The file could not be written to {path}: {why}.</source>
        <translation>Le fichier n’a pas pu être écrit dans {path}&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another folder, or free some space.</source>
        <translation>Choisissez un autre dossier, ou libérez de la place.</translation>
    </message>
    <message>
        <location filename="../../app/ingest/letter.py" line="+36"/>
        <source>{file} is {size} MB; the limit is {limit} MB.</source>
        <translation>{file} fait {size}&#xa0;Mo&#xa0;; la limite est de {limit}&#xa0;Mo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan it at a lower resolution, or raise max_file_mb.</source>
        <translation>Numérisez-le à une résolution plus basse, ou augmentez max_file_mb.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{file} is not a scan: its content is {kind}.</source>
        <translation>{file} n’est pas une numérisation&#xa0;: son contenu est de type {kind}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the letter as a PDF, PNG, JPEG or TIFF file.</source>
        <translation>Donnez le courrier en fichier PDF, PNG, JPEG ou TIFF.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{ref}” is not an account number.</source>
        <translation>«&#xa0;{ref}&#xa0;» n’est pas un numéro de compte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the number as it is written on the letter.</source>
        <translation>Donnez le numéro tel qu’il est écrit sur le courrier.</translation>
    </message>
    <message>
        <location filename="../../app/services/letters.py" line="+58"/>
        <source>This reply is not on this workstation.</source>
        <translation>Cette réponse n’est pas sur ce poste.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only a reply to a letter is printed.</source>
        <translation>Seule une réponse à un courrier s’imprime.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer the customer on their own channel.</source>
        <translation>Répondez au client sur son propre canal.</translation>
    </message>
    <message>
        <location filename="../../app/services/identities.py" line="+62"/>
        <source>{value} is already the {kind} of {name}.</source>
        <translation>{value} est déjà le {kind} de {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open {name} to check. If they are the same person, a supervisor can merge them; otherwise correct what you typed.</source>
        <translation>Ouvrez {name} pour vérifier. S’il s’agit de la même personne, un superviseur peut fusionner les fiches&#xa0;; sinon, corrigez la saisie.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This would join customers of two segments kept apart for legal reasons: {segment} and {other}.</source>
        <translation>Cela relierait des clients de deux segments tenus à part pour des raisons légales&#xa0;: {segment} et {other}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Online-account and retail customers are served under different licences and never share an identity, a contact or a file. Check with the customer which account they are calling about.</source>
        <translation>Les clients en ligne et ceux du réseau physique relèvent d’agréments différents et ne partagent jamais un identifiant, un contact ni une fiche. Vérifiez avec le client de quel compte il s’agit.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Changing a customer&apos;s identities needs the central database.</source>
        <translation>Modifier les identifiants d’un client nécessite la base centrale.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It does not answer now: try again once Relais is online. Nothing was changed; what you typed is still there.</source>
        <translation>Elle ne répond pas pour l’instant&#xa0;: réessayez quand Relais sera en ligne. Rien n’a été modifié&#xa0;; votre saisie est conservée.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“{text}” is not a phone number Relais can read.</source>
        <translation>«&#xa0;{text}&#xa0;» n’est pas un numéro de téléphone que Relais sait lire.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type it as it is written in {region} (06 12 34 56 78) or with its country code (+32 470 12 34 56).</source>
        <translation>Saisissez-le comme on l’écrit en {region} (06 12 34 56 78) ou avec son indicatif pays (+32 470 12 34 56).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“{text}” is not an e-mail address.</source>
        <translation>«&#xa0;{text}&#xa0;» n’est pas une adresse e-mail.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An address has one @ and a domain after it: jean.dupont@example.fr.</source>
        <translation>Une adresse comporte un @ suivi d’un domaine&#xa0;: jean.dupont@exemple.fr.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{text}” is not a {kind}.</source>
        <translation>«&#xa0;{text}&#xa0;» n’est pas un {kind} valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A handle is one word, without spaces (@jean_dupont).</source>
        <translation>Un pseudo est un seul mot, sans espace (@jean_dupont).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The {kind} is empty.</source>
        <translation>Le champ {kind} est vide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type it, or remove the identity instead.</source>
        <translation>Saisissez-le, ou retirez plutôt l’identifiant.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This {kind} is too long (320 characters at most).</source>
        <translation>Ce {kind} est trop long (320 caractères au plus).</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>This identity no longer exists.</source>
        <translation>Cet identifiant n’existe plus.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>This customer was merged into {name}.</source>
        <translation>Ce client a été fusionné dans {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open {name} and change their identities there.</source>
        <translation>Ouvrez {name} et modifiez-y ses identifiants.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This customer or identity no longer exists.</source>
        <translation>Ce client ou cet identifiant n’existe plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone changed it meanwhile: the pane shows it as it is now.</source>
        <translation>Quelqu’un l’a modifié entre-temps&#xa0;: le volet l’affiche tel qu’il est maintenant.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You may not change this customer&apos;s identities.</source>
        <translation>Vous ne pouvez pas modifier les identifiants de ce client.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the customer from the search first, then try again.</source>
        <translation>Ouvrez d’abord le client depuis la recherche, puis réessayez.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central database refused this value: {why}.</source>
        <translation>La base centrale a refusé cette valeur&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct it and try again; nothing was saved.</source>
        <translation>Corrigez-la et réessayez&#xa0;; rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../app/services/merges.py" line="+64"/>
        <source>Only supervisors and administrators merge customers.</source>
        <translation>Seuls les superviseurs et les administrateurs fusionnent des clients.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask your supervisor to merge them.</source>
        <translation>Demandez à votre superviseur de les fusionner.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merging customers needs the central database.</source>
        <translation>Fusionner des clients nécessite la base centrale.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It does not answer now: try again once Relais is online.</source>
        <translation>Elle ne répond pas pour l’instant&#xa0;: réessayez quand Relais sera en ligne.</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Your team served neither of these customers.</source>
        <translation>Votre équipe n’a servi aucun de ces deux clients.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A supervisor of a team that served them, or an administrator, merges them.</source>
        <translation>Un superviseur d’une équipe qui les a servis, ou un administrateur, peut les fusionner.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A customer cannot be merged with themselves.</source>
        <translation>Un client ne peut pas être fusionné avec lui-même.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the other customer&apos;s record.</source>
        <translation>Choisissez la fiche de l’autre client.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One of them was already merged into {name}.</source>
        <translation>L’un d’eux a déjà été fusionné dans {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge with {name} instead, or undo that merge first.</source>
        <translation>Fusionnez plutôt avec {name}, ou annulez d’abord cette fusion.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The customer was merged into {name} since.</source>
        <translation>Le client a été fusionné dans {name} depuis.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo that later merge first.</source>
        <translation>Annulez d’abord cette fusion plus récente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This merge was undone already.</source>
        <translation>Cette fusion a déjà été annulée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This customer or merge no longer exists.</source>
        <translation>Ce client ou cette fusion n’existe plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search for the customer again.</source>
        <translation>Recherchez de nouveau le client.</translation>
    </message>
    <message>
        <location filename="../../app/connectors/cti.py" line="+83"/>
        <source>The telephony endpoint cannot listen on {host}:{port}: {why}.</source>
        <translation>Le point d’entrée de la téléphonie ne peut pas écouter sur {host}:{port}&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Free that port or change [telephony] listen, and start again.</source>
        <translation>Libérez ce port ou changez listen dans [telephony], puis relancez.</translation>
    </message>
    <message>
        <location filename="../../app/ingest/cti.py" line="+71"/>
        <source>This is not a call event: {why}.</source>
        <translation>Ce n’est pas un événement d’appel&#xa0;: {why}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send it as the README&apos;s telephony section says.</source>
        <translation>Envoyez-le comme l’indique la section téléphonie du README.</translation>
    </message>
</context>
<context>
    <name>field</name>
    <message>
        <location filename="../../app/services/contacts.py" line="-598"/>
        <source>the note</source>
        <translation>la note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the reply</source>
        <translation>la réponse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the comment</source>
        <translation>le commentaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the self-assessment</source>
        <translation>l&apos;auto-évaluation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the caller&apos;s number</source>
        <translation>le numéro de l&apos;appelant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the subject</source>
        <translation>l&apos;objet</translation>
    </message>
    <message>
        <location filename="../../app/services/customers.py" line="-397"/>
        <source>the first name</source>
        <translation>le prénom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the last name</source>
        <translation>le nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the language</source>
        <translation>la langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the segment</source>
        <translation>le segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the postal address</source>
        <translation>l&apos;adresse postale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the account number</source>
        <translation>le numéro de compte</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the phone number</source>
        <translation>le numéro de téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the e-mail address</source>
        <translation>l&apos;adresse e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the Facebook name</source>
        <translation>le nom Facebook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the X handle</source>
        <translation>l&apos;identifiant X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the Instagram handle</source>
        <translation>l&apos;identifiant Instagram</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the WhatsApp number</source>
        <translation>le numéro WhatsApp</translation>
    </message>
</context>
<context>
    <name>identity</name>
    <message>
        <location line="+4"/>
        <source>phone number</source>
        <translation>numéro de téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e-mail address</source>
        <translation>adresse e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facebook name</source>
        <translation>nom Facebook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>X handle</source>
        <translation>identifiant X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instagram handle</source>
        <translation>identifiant Instagram</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp number</source>
        <translation>numéro WhatsApp</translation>
    </message>
</context>
<context>
    <name>indicators</name>
    <message>
        <location filename="../../app/backoffice/indicators_figures.py" line="-113"/>
        <source>Contacts received</source>
        <translation>Contacts reçus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average handling time</source>
        <translation>Durée moyenne de traitement (DMT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average call time</source>
        <translation>Durée moyenne de communication</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First response time (median)</source>
        <translation>Délai de première réponse (médiane)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First response time (mean)</source>
        <translation>Délai de première réponse (moyenne)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered within target (SLA)</source>
        <translation>Réponses dans le délai cible (SLA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First-contact resolution</source>
        <translation>Résolution au premier contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer rate</source>
        <translation>Taux de transfert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfied customers (CSAT 4-5)</source>
        <translation>Clients satisfaits (CSAT 4-5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average CSAT (1-5)</source>
        <translation>CSAT moyen (1-5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net Promoter Score</source>
        <translation>Net Promoter Score (NPS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer effort (1-7)</source>
        <translation>Effort client (1-7)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open at the period&apos;s end</source>
        <translation>Ouverts en fin de période</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting in the queue now</source>
        <translation>En file d’attente actuellement</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No contacts in this period.</source>
        <translation>Aucun contact sur cette période.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No contact was closed in this period.</source>
        <translation>Aucun contact n’a été clôturé sur cette période.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No contact closed in this period has a recorded handling time.</source>
        <translation>Aucun contact clôturé sur cette période n’a de durée de traitement enregistrée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No call closed in this period has its start and end recorded.</source>
        <translation>Aucun appel clôturé sur cette période n’a son début et sa fin enregistrés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No contact received in this period has been answered yet.</source>
        <translation>Aucun contact reçu sur cette période n’a encore eu de réponse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No contact received in this period has been answered or waited past its target.</source>
        <translation>Aucun contact reçu sur cette période n’a eu de réponse ni attendu au-delà de son délai cible.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No survey answer for the contacts closed in this period.</source>
        <translation>Aucune réponse à l’enquête pour les contacts clôturés sur cette période.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No survey answer of this period gives a recommendation score.</source>
        <translation>Aucune réponse à l’enquête de cette période ne donne de note de recommandation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No survey answer of this period gives an effort score.</source>
        <translation>Aucune réponse à l’enquête de cette période ne donne de note d’effort.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No contact was open at the end of this period.</source>
        <translation>Aucun contact n’était ouvert à la fin de cette période.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No contact is waiting in the queue now.</source>
        <translation>Aucun contact n’attend dans la file pour le moment.</translation>
    </message>
</context>
<context>
    <name>limits</name>
    <message>
        <location filename="../../app/limits.py" line="+74"/>
        <source>it holds a NUL character</source>
        <translation>ce texte contient un caractère NUL</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it is {length} characters long, the limit is {limit}</source>
        <translation>ce texte fait {length} caractères, la limite est de {limit}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“{value}” is not a language Relais knows</source>
        <translation>«&#xa0;{value}&#xa0;» n&apos;est pas une langue que Relais connaît</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it must be a whole number from {low} to {high}</source>
        <translation>ce doit être un nombre entier de {low} à {high}</translation>
    </message>
</context>
<context>
    <name>m</name>
    <message>
        <location filename="../../ui/desk/queue_columns.py" line="+59"/>
        <source>overdue {duration}</source>
        <translation>retard {duration}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With you</source>
        <translation>Vous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
</context>
<context>
    <name>placeholders</name>
    <message>
        <location filename="../../app/placeholders.py" line="-42"/>
        <source>Customer&apos;s first name</source>
        <translation>Prénom du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer&apos;s last name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer&apos;s full name</source>
        <translation>Nom complet du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first name</source>
        <translation>Votre prénom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact reference</source>
        <translation>Référence du contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today&apos;s date</source>
        <translation>Date du jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer&apos;s account number</source>
        <translation>Numéro de compte du client</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <location filename="../../app/connection.py" line="-46"/>
        <location filename="../../app/workspace.py" line="-58"/>
        <source>Checking the central database…</source>
        <translation>Vérification de la base centrale…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copying what you may see from the centre to this workstation…</source>
        <translation>Copie sur ce poste de ce que vous pouvez voir au centre…</translation>
    </message>
    <message>
        <location filename="../../app/workspace.py" line="+5"/>
        <source>Creating the demo data…</source>
        <translation>Création des données de démonstration…</translation>
    </message>
    <message>
        <location filename="../../app/connection.py" line="-7"/>
        <location filename="../../app/workspace.py" line="+3"/>
        <source>Opening this workstation&apos;s copy…</source>
        <translation>Ouverture de la copie de ce poste…</translation>
    </message>
    <message>
        <location filename="../../app/workspace.py" line="+3"/>
        <source>Copying the demo data to this workstation…</source>
        <translation>Copie des données de démonstration sur ce poste…</translation>
    </message>
</context>
<context>
    <name>seed</name>
    <message>
        <location filename="../../app/seed/constants.py" line="+23"/>
        <source>Reference data</source>
        <translation>Données de référence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past contacts</source>
        <translation>Contacts passés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue</source>
        <translation>File d’attente</translation>
    </message>
</context>
<context>
    <name>segment</name>
    <message>
        <location filename="../../app/services/identities.py" line="-245"/>
        <source>online-account</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retail</source>
        <translation>réseau physique</translation>
    </message>
</context>
<context>
    <name>surveys</name>
    <message>
        <location filename="../../app/backoffice/surveys.py" line="-164"/>
        <source>no contact reference</source>
        <translation>pas de référence de contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSAT missing</source>
        <translation>CSAT manquant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSAT {value} is not between 1 and 5</source>
        <translation>le CSAT {value} n’est pas compris entre 1 et 5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NPS {value} is not between 0 and 10</source>
        <translation>le NPS {value} n’est pas compris entre 0 et 10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer effort {value} is not between 1 and 7</source>
        <translation>l’effort client {value} n’est pas compris entre 1 et 7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{value}” in {column} is not a whole number</source>
        <translation>«&#xa0;{value}&#xa0;» dans {column} n’est pas un nombre entier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date missing</source>
        <translation>date manquante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{value}” is not a date (YYYY-MM-DD or DD/MM/YYYY, with an optional time)</source>
        <translation>«&#xa0;{value}&#xa0;» n’est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA, avec une heure facultative)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the verbatim is longer than 10,000 characters</source>
        <translation>le verbatim dépasse 10&#xa0;000 caractères</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} fields where the header has {column} (a separator in a verbatim without quotes?)</source>
        <translation>{value} champs alors que l’en-tête en a {column} (un séparateur dans un verbatim sans guillemets&#xa0;?)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no contact has the reference {reference}</source>
        <translation>aucun contact n’a la référence {reference}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>several contacts have the reference {reference}</source>
        <translation>plusieurs contacts ont la référence {reference}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contact {reference} is not of your team</source>
        <translation>le contact {reference} n’est pas de votre équipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contact {reference} is not closed yet</source>
        <translation>le contact {reference} n’est pas encore clôturé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>answered more than a day before contact {reference} was closed</source>
        <translation>réponse plus d’un jour avant la clôture du contact {reference}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>answered more than a day in the future</source>
        <translation>réponse datée de plus d’un jour dans le futur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a value the centre does not accept</source>
        <translation>une valeur que le centre n’accepte pas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contact {reference} already has a different answer, which is kept</source>
        <translation>le contact {reference} a déjà une autre réponse, qui est conservée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>imported</source>
        <translation>importée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already there</source>
        <translation>déjà présente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict</source>
        <translation>conflit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>refusée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>to import</source>
        <translation>à importer</translation>
    </message>
    <message>
        <location line="+327"/>
        <source>line {line}: {reason}</source>
        <translation>ligne {line}&#xa0;: {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Would be credited to: {advisors}</source>
        <translation>Seraient attribuées à&#xa0;: {advisors}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credited to: {advisors}</source>
        <translation>Attribuées à&#xa0;: {advisors}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>commas</source>
        <translation>des virgules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>semicolons</source>
        <translation>des points-virgules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tabs</source>
        <translation>des tabulations</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>To import: {n}</source>
        <translation>À importer&#xa0;: {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported: {n}</source>
        <translation>Importées&#xa0;: {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: {rows} rows ({encoding}, separated by {sep})</source>
        <translation>{name}&#xa0;: {rows} lignes ({encoding}, séparées par {sep})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already there: {n}</source>
        <translation>Déjà présentes&#xa0;: {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts (the stored answer is kept): {n}</source>
        <translation>Conflits (la réponse enregistrée est conservée)&#xa0;: {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused: {n}</source>
        <translation>Refusées&#xa0;: {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was imported (dry run).</source>
        <translation>Rien n’a été importé (simulation).</translation>
    </message>
</context>
</TS>
