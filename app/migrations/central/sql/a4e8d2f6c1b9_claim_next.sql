-- The next contact in queue order for this user's team (lapsed leases first: they waited
-- longest), taken with FOR UPDATE SKIP LOCKED so that each goes to one advisor. A queued
-- contact, the claim's usual case, is taken in one UPDATE whose rows come back as they are:
-- no nested call, no query over its result.
CREATE OR REPLACE FUNCTION public.relais_claim_next(p_assignment uuid, p_channels text[])
  RETURNS TABLE (c public.contact, a public.contact_assignment) LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_me uuid;
  v_team uuid;
  v_id uuid;
  v_holder uuid;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);  -- the hold_log triggers need not
  SELECT id, team_id INTO v_me, v_team FROM public.advisor WHERE login = session_user AND active;
  IF v_me IS NULL THEN
    RAISE EXCEPTION 'login % is not an active user of this centre', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT k.id, k.assigned_to INTO v_id, v_holder FROM public.contact k
    WHERE k.status = 'in_progress' AND k.lease_until < now()
      AND (p_channels IS NULL OR k.channel = ANY (p_channels))
      AND (v_team IS NULL OR k.team_id = v_team OR k.team_id IS NULL)
    ORDER BY k.priority DESC, k.due_at, k.id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF v_id IS NOT NULL THEN
    RETURN QUERY SELECT * FROM public.relais_hand_over(v_id, v_me, p_assignment, 'in_progress',
                                                       v_holder);
    RETURN;
  END IF;
  UPDATE public.contact SET status = 'in_progress', assigned_to = v_me,
         claim_token = gen_random_uuid(), lease_until = now() + interval '15 minutes',
         version = version + 1
    WHERE id = (SELECT k.id FROM public.contact k
                WHERE k.status = 'queued' AND k.received_at <= now()
                  AND (p_channels IS NULL OR k.channel = ANY (p_channels))
                  AND (v_team IS NULL OR k.team_id = v_team OR k.team_id IS NULL)
                ORDER BY k.priority DESC, k.due_at, k.id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING * INTO c;
  IF FOUND THEN
    INSERT INTO public.contact_assignment (id, contact_id, advisor_id, started_at)
      VALUES (COALESCE(p_assignment, gen_random_uuid()), c.id, v_me, now()) RETURNING * INTO a;
    RETURN NEXT;
  END IF;
END $$;
