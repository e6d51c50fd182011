-- Back office (revision 3fe0ed6959e9): the alignment of the four views. It reads wrap-ups,
-- evaluations and survey answers through the user's own rights; nothing here widens them.
--
-- wrap_up_read, the same rule as before (its advisor, their team's supervisor, administrators),
-- written so that PostgreSQL asks who the user is once per statement (an InitPlan) instead of
-- calling relais_me() and relais_my_role() on every row, and finds the team's advisors in one
-- hashed lookup instead of relais_in_my_team() per row: an alignment report reads every
-- wrap-up of its period, and the per-row calls cost 12 µs a row (1.2 s per 100,000 contacts,
-- measured as an administrator), several times the rest of the query.
DROP POLICY IF EXISTS wrap_up_read ON public.wrap_up;
CREATE POLICY wrap_up_read ON public.wrap_up FOR SELECT USING (
  advisor_id = (SELECT public.relais_me())
  OR (SELECT public.relais_my_role()) = 'admin'
  OR ((SELECT public.relais_my_role()) = 'supervisor' AND advisor_id IN (
    SELECT a.id FROM public.advisor a WHERE a.team_id = (SELECT public.relais_my_team()))));
