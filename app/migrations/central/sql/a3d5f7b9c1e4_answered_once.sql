-- relais_call_event as in c7a1e9d3b5f2, but a repeated "answered" no longer moves the call's
-- start: telephony systems retry their callbacks (Twilio when the answer is slow), and the
-- call started when it was first answered. Its grants are kept by CREATE OR REPLACE.
CREATE OR REPLACE FUNCTION public.relais_call_event(p jsonb) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_event text := p->>'event';
  v_source text := p->>'source';
  v_call text := p->>'call_key';
  v_key text;
  v_caller text := coalesce(p->>'caller', '');
  v_now timestamptz := now();
  v_found public.channel_key;
  v_c public.contact;
  v_advisor public.advisor;
  v_customer uuid;
  v_team uuid;
  v_outcome text := 'updated';
  v_woken uuid[] := ARRAY[]::uuid[];
  v_who uuid;
BEGIN
  IF v_event IS NULL OR v_event NOT IN ('ringing', 'answered', 'ended') THEN
    RAISE EXCEPTION 'a call event is ringing, answered or ended, not %', coalesce(v_event, '(none)')
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_source IS NULL OR v_source !~ '^[a-z]{1,16}$'
     OR v_call IS NULL OR v_call = '' OR length(v_call) > 200 THEN
    RAISE EXCEPTION 'a call event needs its source and its call id (1 to 200 characters)'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_caller <> '' AND v_caller !~ '^\+[1-9][0-9]{5,14}$' THEN
    RAISE EXCEPTION 'the caller''s number must be E.164 (+33612345678), or empty when withheld'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF (p->>'contact_id') IS NULL OR (p->>'message_id') IS NULL
     OR coalesce(p->>'reference', '') !~ '^R-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$' THEN
    RAISE EXCEPTION 'a call event needs new ids and a contact reference R-XXXX-XXXX'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_key := v_source || ':' || v_call;
  PERFORM pg_advisory_xact_lock(hashtextextended('phone ' || v_key, 0));
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);

  IF p->>'advisor' IS NOT NULL THEN
    SELECT * INTO v_advisor FROM public.advisor a
      WHERE a.login = p->>'advisor' AND a.active AND a.role IN ('advisor', 'supervisor');
  END IF;

  SELECT * INTO v_found FROM public.channel_key k WHERE k.channel = 'phone' AND k.key = v_key;
  IF FOUND THEN
    SELECT * INTO v_c FROM public.contact WHERE id = v_found.contact_id FOR UPDATE;
  ELSE
    v_outcome := 'new';
    IF v_caller <> '' THEN
      -- One customer only: a number two customers share matches neither.
      SELECT min(i.customer_id::text)::uuid INTO v_customer FROM public.customer_identity i
        WHERE i.kind IN ('phone', 'whatsapp') AND i.value = v_caller
        HAVING count(DISTINCT i.customer_id) = 1;
    END IF;
    v_team := coalesce(v_advisor.team_id, (SELECT t.id FROM public.team t WHERE t.name = p->>'team'));
    INSERT INTO public.contact (id, reference, channel, direction, status, customer_id,
        sender_display, sender_address, subject, preview, language, priority, risk_flag,
        risk_reason, received_at, due_at, team_id, version)
      VALUES ((p->>'contact_id')::uuid, p->>'reference', 'phone', 'inbound', 'queued',
        v_customer, left(coalesce(p->>'caller_display', v_caller), 320), v_caller, '', '',
        coalesce((SELECT c.language FROM public.customer c WHERE c.id = v_customer), 'fr'), 1,
        false, '', v_now, v_now + interval '1 hour', v_team, 1)
      RETURNING * INTO v_c;
    INSERT INTO public.channel_key (channel, key, message_id, contact_id, created_at)
      VALUES ('phone', v_key, (p->>'message_id')::uuid, v_c.id, v_now);
    INSERT INTO public.message (id, contact_id, direction, sender_display, body_text,
        created_at, written_at, external_id)
      VALUES ((p->>'message_id')::uuid, v_c.id, 'inbound', v_c.sender_display, '', v_now,
        (p->>'at')::timestamptz, v_key);
  END IF;

  IF v_c.call_ended_at IS NOT NULL OR v_c.status = 'closed' THEN
    v_outcome := CASE WHEN v_outcome = 'new' THEN 'new' ELSE 'unchanged' END;
  ELSIF v_event = 'ended' THEN
    IF v_c.call_started_at IS NULL AND v_c.status = 'in_progress' THEN
      v_woken := v_woken || v_c.assigned_to;
      UPDATE public.contact_assignment SET ended_at = v_now
        WHERE contact_id = v_c.id AND ended_at IS NULL;
    END IF;
    IF v_c.call_started_at IS NULL THEN  -- missed: a call back for the team
      UPDATE public.contact SET call_ended_at = v_now, status = 'queued', assigned_to = NULL,
             claim_token = NULL, lease_until = NULL, priority = greatest(priority, 2),
             due_at = least(due_at, v_now + interval '1 hour'), version = version + 1
        WHERE id = v_c.id RETURNING * INTO v_c;
    ELSE
      UPDATE public.contact SET call_ended_at = v_now, version = version + 1
        WHERE id = v_c.id RETURNING * INTO v_c;
      v_woken := v_woken || v_c.assigned_to;
    END IF;
  ELSIF v_event = 'ringing' AND v_c.call_started_at IS NOT NULL THEN
    v_outcome := CASE WHEN v_outcome = 'new' THEN 'new' ELSE 'unchanged' END;
  ELSE
    IF v_advisor.id IS NOT NULL AND (v_c.status <> 'in_progress'
                                     OR v_c.assigned_to IS DISTINCT FROM v_advisor.id) THEN
      IF v_c.status = 'in_progress' THEN
        v_woken := v_woken || v_c.assigned_to;  -- rang on another phone, or answered there
      END IF;
      SELECT (h.c).* INTO v_c
        FROM public.relais_hand_over(v_c.id, v_advisor.id, NULL, v_c.status::text,
                                     v_c.assigned_to) h;
    END IF;
    IF v_event = 'answered' AND v_c.call_started_at IS NULL THEN
      UPDATE public.contact SET call_started_at = v_now, version = version + 1
        WHERE id = v_c.id RETURNING * INTO v_c;
    ELSIF v_event = 'answered' THEN
      NULL;  -- answered again (a retried callback, a replay): the call started the first time
    ELSIF v_advisor.id IS NULL AND v_outcome <> 'new' THEN
      v_outcome := 'unchanged';
    END IF;
    v_woken := v_woken || v_c.assigned_to;
  END IF;

  FOREACH v_who IN ARRAY v_woken LOOP
    IF v_who IS NOT NULL THEN
      PERFORM pg_notify(public.relais_wake_name('advisor', v_who), '');
    END IF;
  END LOOP;
  RETURN jsonb_build_object('outcome', v_outcome, 'contact_id', v_c.id,
    'reference', v_c.reference, 'customer_id', v_c.customer_id,
    'advisor', (SELECT a.login FROM public.advisor a WHERE a.id = v_c.assigned_to),
    'state', CASE WHEN v_c.call_ended_at IS NOT NULL AND v_c.call_started_at IS NULL THEN 'missed'
                  WHEN v_c.call_ended_at IS NOT NULL THEN 'ended'
                  WHEN v_c.call_started_at IS NOT NULL THEN 'answered'
                  ELSE 'ringing' END);
END $$;
