-- Back office (revision 3fe0ed6959e9): who may read the new central-only tables. Nobody writes
-- them but through the centre's functions (SECURITY DEFINER); @advisor@ is this centre's
-- advisor group, which the supervisor and administrator groups are members of.
GRANT SELECT ON public.scorecard, public.scorecard_version, public.evaluation_reply,
  public.verbatim TO @advisor@;

-- An evaluation is read by its evaluator, by the advisor evaluated, by the supervisors of the
-- contact's team and by administrators: never by a colleague.
DROP POLICY IF EXISTS evaluation_read ON public.evaluation;
CREATE POLICY evaluation_read ON public.evaluation FOR SELECT USING (
  (SELECT public.relais_my_role()) = 'admin'
  OR evaluator_id = (SELECT public.relais_me())
  OR advisor_id = (SELECT public.relais_me())
  OR ((SELECT public.relais_my_role()) = 'supervisor' AND EXISTS (
    SELECT 1 FROM public.contact c
    WHERE c.id = evaluation.contact_id AND c.team_id = (SELECT public.relais_my_team()))));

ALTER TABLE public.evaluation_reply ENABLE ROW LEVEL SECURITY;
CREATE POLICY evaluation_reply_read ON public.evaluation_reply FOR SELECT USING (
  advisor_id = (SELECT public.relais_me())
  OR (SELECT public.relais_my_role()) = 'admin'
  OR ((SELECT public.relais_my_role()) = 'supervisor' AND public.relais_in_my_team(advisor_id))
  OR EXISTS (SELECT 1 FROM public.evaluation e
             WHERE e.id = evaluation_reply.evaluation_id
               AND e.evaluator_id = (SELECT public.relais_me())));

-- The verbatim board is the supervisors' (their team's quotes, and the centre-wide ones).
ALTER TABLE public.verbatim ENABLE ROW LEVEL SECURITY;
CREATE POLICY verbatim_read ON public.verbatim FOR SELECT USING (
  (SELECT public.relais_my_role()) = 'admin'
  OR ((SELECT public.relais_my_role()) = 'supervisor'
      AND (team_id IS NULL OR team_id = (SELECT public.relais_my_team()))));
