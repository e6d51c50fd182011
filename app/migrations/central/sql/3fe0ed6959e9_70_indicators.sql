-- Back office (revision 3fe0ed6959e9): the team's focus indicator. A supervisor sets one
-- indicator for their team (relais_set_focus); every user of the team reads its current value
-- through relais_team_focus, which returns the team's aggregate only, never a row of it: an
-- advisor reads no colleague's wrap-up this way. The figures are those of the dashboard
-- (app/backoffice/indicators.py says what each counts; app/backoffice/indicators_sql.py is the
-- same SQL for the dashboard): change both together. The embedded SQLite centre runs the same
-- rules in app/backoffice/focus.py.

-- One indicator of one team over [p_start, p_end), "now" being p_now (an open contact still
-- unanswered past its target by then missed it): its value (NULL when n is 0) and what it rests
-- on. The response targets are the dashboard's defaults: phone 60 s, e-mail 24 h, social 1 h,
-- letter 5 days. Not callable by users: it reads every row of the team (relais_team_focus
-- calls it as the centre's owner and returns the aggregate alone).
CREATE OR REPLACE FUNCTION public.relais_indicator(p_key text, p_team uuid,
  p_start timestamptz, p_end timestamptz, p_now timestamptz)
  RETURNS TABLE (value double precision, n bigint)
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
  IF p_key = 'volume' THEN
    RETURN QUERY SELECT count(*)::double precision, count(*) FROM public.contact c
      WHERE c.received_at >= p_start AND c.received_at < p_end AND c.parent_id IS NULL
        AND (p_team IS NULL OR c.team_id = p_team);
  ELSIF p_key = 'backlog' THEN
    -- Not closed at p_end, planned follow-ups whose time had come included.
    RETURN QUERY SELECT count(*)::double precision, count(*) FROM public.contact c
      WHERE c.received_at < p_end AND (c.closed_at IS NULL OR c.closed_at >= p_end)
        AND (p_team IS NULL OR c.team_id = p_team);
  ELSIF p_key IN ('first_response_median', 'sla') THEN
    RETURN QUERY
    WITH received AS (
      SELECT c.received_at, c.status,
             CASE WHEN c.channel = 'phone' THEN c.call_started_at
                  ELSE (SELECT min(m.created_at) FROM public.message m
                        WHERE m.contact_id = c.id AND m.direction = 'outbound'
                          AND m.created_at >= c.received_at) END AS answered_at,
             CASE c.channel WHEN 'phone' THEN 60 WHEN 'email' THEN 86400
                            WHEN 'letter' THEN 432000
                            WHEN 'facebook' THEN 3600 WHEN 'x' THEN 3600
                            WHEN 'instagram' THEN 3600 WHEN 'whatsapp' THEN 3600 END AS target
      FROM public.contact c
      WHERE c.received_at >= p_start AND c.received_at < p_end AND c.parent_id IS NULL
        AND (p_team IS NULL OR c.team_id = p_team)),
    judged AS (
      SELECT EXTRACT(EPOCH FROM r.answered_at - r.received_at)::double precision AS frt,
             CASE WHEN r.answered_at IS NOT NULL
                    THEN EXTRACT(EPOCH FROM r.answered_at - r.received_at) <= r.target
                  WHEN r.status <> 'closed'
                       AND EXTRACT(EPOCH FROM p_now - r.received_at) > r.target THEN false
             END AS met
      FROM received r)
    SELECT CASE WHEN p_key = 'sla'
                THEN (count(*) FILTER (WHERE j.met))::double precision / NULLIF(count(j.met), 0)
                ELSE percentile_cont(0.5) WITHIN GROUP (ORDER BY j.frt) END,
           CASE WHEN p_key = 'sla' THEN count(j.met) ELSE count(j.frt) END
    FROM judged j;
  ELSIF p_key IN ('handling_time', 'fcr', 'transfer_rate') THEN
    -- Set-based (derived tables joined once): a wrap-up is found superseded by one anti-join,
    -- not by a scan of the wrap-ups per contact.
    RETURN QUERY
    WITH closing AS (
      SELECT c.id, c.received_at, c.closed_at, c.customer_id, c.assigned_to
      FROM public.contact c
      WHERE c.status = 'closed' AND c.closed_at >= p_start AND c.closed_at < p_end
        AND c.parent_id IS NULL AND (p_team IS NULL OR c.team_id = p_team)),
    held AS (
      SELECT a.contact_id,
             sum(EXTRACT(EPOCH FROM COALESCE(a.ended_at, x.closed_at) - a.started_at))
               ::double precision AS handled,
             count(DISTINCT a.advisor_id) AS advisors
      FROM public.contact_assignment a JOIN closing x ON x.id = a.contact_id
      GROUP BY a.contact_id),
    live AS (
      SELECT w.contact_id, w.outcome, w.advisor_id = x.assigned_to AS closer,
             row_number() OVER (PARTITION BY w.contact_id, w.advisor_id
                                ORDER BY w.created_at DESC, w.id DESC) AS rn
      FROM public.wrap_up w JOIN closing x ON x.id = w.contact_id
      WHERE NOT EXISTS (SELECT 1 FROM public.wrap_up l WHERE l.supersedes_id = w.id)),
    outcomes AS (
      SELECT l.contact_id,
             bool_or(l.closer AND l.rn = 1 AND l.outcome = 'resolved') AS resolved,
             bool_or(l.outcome = 'transferred') AS transfer_said
      FROM live l GROUP BY l.contact_id),
    closed AS (
      SELECT h.handled,
             COALESCE(o.resolved, false) AND NOT EXISTS (
               SELECT 1 FROM public.contact k
               WHERE k.customer_id = x.customer_id AND k.id <> x.id AND k.parent_id IS NULL
                 AND k.received_at > x.received_at
                 AND EXTRACT(EPOCH FROM k.received_at - x.closed_at) <= 604800) AS fcr,
             COALESCE(o.transfer_said, false) OR COALESCE(h.advisors, 0) > 1 AS transferred
      FROM closing x LEFT JOIN held h ON h.contact_id = x.id
      LEFT JOIN outcomes o ON o.contact_id = x.id)
    SELECT CASE p_key
             WHEN 'handling_time' THEN avg(x.handled)
             WHEN 'fcr' THEN (count(*) FILTER (WHERE x.fcr))::double precision
                             / NULLIF(count(*), 0)
             ELSE (count(*) FILTER (WHERE x.transferred))::double precision / NULLIF(count(*), 0)
           END,
           CASE WHEN p_key = 'handling_time' THEN count(x.handled) ELSE count(*) END
    FROM closed x;
  ELSIF p_key IN ('csat', 'nps', 'effort') THEN
    RETURN QUERY
    WITH answers AS (
      SELECT s.csat, s.nps, s.effort FROM public.contact c
      JOIN public.survey_answer s ON s.contact_id = c.id
      WHERE c.status = 'closed' AND c.closed_at >= p_start AND c.closed_at < p_end
        AND c.parent_id IS NULL AND (p_team IS NULL OR c.team_id = p_team))
    SELECT CASE p_key
             WHEN 'csat' THEN (count(*) FILTER (WHERE x.csat >= 4))::double precision
                              / NULLIF(count(x.csat), 0)
             WHEN 'nps' THEN 100.0 * ((count(*) FILTER (WHERE x.nps >= 9))
                                      - (count(*) FILTER (WHERE x.nps <= 6)))
                             / NULLIF(count(x.nps), 0)
             ELSE avg(x.effort)::double precision
           END,
           CASE p_key WHEN 'csat' THEN count(x.csat) WHEN 'nps' THEN count(x.nps)
                      ELSE count(x.effort) END
    FROM answers x;
  ELSE
    RAISE EXCEPTION 'unknown_indicator: % is not an indicator a team can follow', p_key
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
END $$;
REVOKE ALL ON FUNCTION public.relais_indicator(text, uuid, timestamptz, timestamptz, timestamptz)
  FROM PUBLIC;

-- Sets (or, with NULL, clears) the focus indicator of the caller's team; an administrator
-- names the team (p_team), a supervisor may name their own only. Returns when it was set.
CREATE OR REPLACE FUNCTION public.relais_set_focus(p_indicator text, p_team uuid DEFAULT NULL)
  RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_role text;
  v_team uuid;
  v_target uuid;
  v_at timestamptz := now();
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT id, role, team_id INTO v_me, v_role, v_team FROM public.advisor
    WHERE login = session_user AND active;
  IF v_me IS NULL OR v_role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'focus_rights: only a supervisor of the team sets its focus indicator'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  v_target := COALESCE(p_team, v_team);
  IF v_role = 'supervisor' AND v_target IS DISTINCT FROM v_team THEN
    RAISE EXCEPTION 'focus_rights: a supervisor sets their own team''s focus indicator'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_indicator IS NOT NULL AND p_indicator NOT IN ('volume', 'handling_time',
       'first_response_median', 'sla', 'fcr', 'transfer_rate', 'csat', 'nps', 'effort',
       'backlog') THEN
    RAISE EXCEPTION 'unknown_indicator: % is not an indicator a team can follow', p_indicator
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE public.team SET focus_indicator = p_indicator,
         focus_set_at = CASE WHEN p_indicator IS NULL THEN NULL ELSE v_at END
    WHERE id = v_target;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no_team: there is no team to set the focus indicator of'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN v_at;
END $$;

-- The caller's team's focus indicator now: over the last 7 days [now - 7 days, now), beside
-- the 7 days before; nothing when the caller has no team or the team no focus. Any active user
-- of the team may read it: it is the team's aggregate, never a row.
CREATE OR REPLACE FUNCTION public.relais_team_focus()
  RETURNS TABLE (indicator text, value double precision, n bigint, previous double precision,
                 previous_n bigint, unit text, period_start timestamptz, period_end timestamptz,
                 set_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_team uuid;
  v_key text;
  v_set timestamptz;
  v_now timestamptz := now();
  v_start timestamptz := now() - interval '7 days';
BEGIN
  SELECT a.team_id INTO v_team FROM public.advisor a WHERE a.login = session_user AND a.active;
  IF v_team IS NULL THEN
    RETURN;
  END IF;
  SELECT t.focus_indicator, t.focus_set_at INTO v_key, v_set FROM public.team t
    WHERE t.id = v_team;
  IF v_key IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT v_key, cur.value, cur.n, prev.value, prev.n,
           CASE WHEN v_key IN ('volume', 'backlog') THEN 'count'
                WHEN v_key IN ('handling_time', 'first_response_median') THEN 'seconds'
                WHEN v_key = 'nps' THEN 'points'
                WHEN v_key = 'effort' THEN 'score'
                ELSE 'share' END,
           v_start, v_now, v_set
    FROM public.relais_indicator(v_key, v_team, v_start, v_now, v_now) cur,
         public.relais_indicator(v_key, v_team, v_start - interval '7 days', v_start, v_now)
           prev;
END $$;

GRANT EXECUTE ON FUNCTION public.relais_set_focus(text, uuid), public.relais_team_focus()
  TO @advisor@;
