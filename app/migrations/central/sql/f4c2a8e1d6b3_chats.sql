-- Chats and their platforms (revision f4c2a8e1d6b3; app.sync.apply_receive and
-- app.sync.apply_delivery run the same rules on the embedded centre). @connector@: this
-- centre's connector group. CREATE OR REPLACE keeps the functions' rights.

CREATE OR REPLACE FUNCTION public.relais_receive(p jsonb) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_channel text := p->>'channel';
  v_key text := p->>'key';
  v_threads text[] := ARRAY(SELECT jsonb_array_elements_text(coalesce(p->'thread_keys', '[]')));
  v_sender text := coalesce(p->>'sender_address', '');
  v_automatic boolean := coalesce((p->>'automatic')::boolean, false);
  v_level int := coalesce((p->>'risk_level')::int, 0);
  v_now timestamptz := now();
  v_message uuid := (p->>'message_id')::uuid;
  v_contact uuid := (p->>'contact_id')::uuid;
  v_customer uuid;
  v_thread public.contact;
  v_found public.channel_key;
  v_outcome text;
  v_reference text := p->>'reference';
  v_language text;
  v_priority int;
BEGIN
  IF v_channel IS NULL OR v_channel NOT IN ('phone', 'email', 'facebook', 'x', 'instagram',
                                            'whatsapp', 'letter') THEN
    RAISE EXCEPTION 'unknown channel %', v_channel USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_key IS NULL OR v_key = '' OR length(v_key) > 400 THEN
    RAISE EXCEPTION 'a received message needs its channel''s id (1 to 400 characters)'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_contact IS NULL OR v_message IS NULL OR v_reference IS NULL
     OR v_reference !~ '^R-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$' THEN
    RAISE EXCEPTION 'a received message needs new ids and a contact reference R-XXXX-XXXX'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- Two deliveries of one message at once: the second waits, then finds the first's key.
  PERFORM pg_advisory_xact_lock(hashtextextended(v_channel || ' ' || v_key, 0));
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);  -- the hold_log triggers need not

  -- Received already (a redelivery, a mailbox read again): nothing more is stored.
  SELECT * INTO v_found FROM public.channel_key k WHERE k.channel = v_channel AND k.key = v_key;
  IF FOUND THEN
    RETURN jsonb_build_object('outcome', 'duplicate', 'contact_id', v_found.contact_id,
      'message_id', v_found.message_id,
      'reference', (SELECT reference FROM public.contact WHERE id = v_found.contact_id));
  END IF;

  -- The thread: a message it answers (nearest first), else the contact reference the subject
  -- quotes, if that contact is this sender's (a reference alone is easily guessed).
  SELECT c.* INTO v_thread FROM public.channel_key k JOIN public.contact c ON c.id = k.contact_id
    WHERE k.channel = v_channel AND k.key = ANY (v_threads)
    ORDER BY array_position(v_threads, k.key), k.created_at DESC LIMIT 1;
  IF v_thread.id IS NULL AND p->>'quoted_reference' IS NOT NULL THEN
    SELECT c.* INTO v_thread FROM public.contact c
      WHERE c.reference = p->>'quoted_reference' AND c.channel = v_channel
        AND v_sender <> '' AND c.sender_address = v_sender
      ORDER BY c.received_at DESC LIMIT 1;
  END IF;

  -- A chat (Messenger, Instagram, WhatsApp, X) is one conversation per sender: a message that
  -- answers none joins the sender's open contact on the channel, or follows the one closed in
  -- the last seven days; an older one starts afresh.
  IF v_thread.id IS NULL AND v_sender <> '' AND v_channel IN ('facebook', 'x', 'instagram',
                                                              'whatsapp') THEN
    SELECT c.* INTO v_thread FROM public.contact c
      WHERE c.sender_address = v_sender AND c.channel = v_channel
        AND (c.status <> 'closed' OR c.closed_at > v_now - interval '7 days')
      ORDER BY c.received_at DESC LIMIT 1;
  END IF;

  IF v_thread.id IS NOT NULL THEN
    v_customer := v_thread.customer_id;
  ELSIF p->>'identity_kind' IS NOT NULL THEN
    -- One customer only: an identity two customers share matches neither.
    SELECT min(i.customer_id::text)::uuid INTO v_customer FROM public.customer_identity i
      WHERE i.kind = p->>'identity_kind' AND i.value = p->>'identity_value'
      HAVING count(DISTINCT i.customer_id) = 1;
  END IF;

  IF v_thread.id IS NOT NULL AND v_thread.status <> 'closed' THEN
    v_outcome := 'joined';
    v_contact := v_thread.id;
    v_reference := v_thread.reference;
    IF NOT v_automatic AND v_level > 0 THEN
      UPDATE public.contact SET risk_flag = true,
             risk_reason = left(CASE WHEN risk_reason = '' THEN p->>'risk_reason'
                                     ELSE risk_reason || ', ' || (p->>'risk_reason') END, 200),
             priority = greatest(priority, CASE WHEN v_level >= 2 THEN 3 ELSE 2 END),
             version = version + 1
        WHERE id = v_thread.id;
    END IF;
  ELSIF v_automatic THEN
    -- An out-of-office or a bulk mail opens no contact and reopens none.
    RETURN jsonb_build_object('outcome', 'ignored');
  ELSE
    v_outcome := CASE WHEN v_thread.id IS NULL THEN 'new' ELSE 'follow_on' END;
    SELECT language INTO v_language FROM public.customer WHERE id = v_customer;
    v_language := coalesce(v_language, p->>'language', 'fr');
    v_priority := CASE WHEN v_level >= 2 THEN 3 WHEN v_level = 1 THEN 2 ELSE 1 END;
    INSERT INTO public.contact (id, reference, channel, direction, status, customer_id,
        sender_display, sender_address, subject, preview, language, priority, risk_flag,
        risk_reason, received_at, due_at, team_id, parent_id, version)
      VALUES (v_contact, v_reference, v_channel, 'inbound', 'queued', v_customer,
        left(coalesce(p->>'sender_display', ''), 320), left(v_sender, 320),
        left(coalesce(p->>'subject', ''), 300),
        left(btrim(regexp_replace(coalesce(p->>'body_text', ''), '\s+', ' ', 'g')), 300),
        v_language, v_priority, v_level > 0, left(coalesce(p->>'risk_reason', ''), 200),
        v_now,
        v_now + CASE v_channel WHEN 'phone' THEN interval '1 hour'
                               WHEN 'email' THEN interval '24 hours'
                               WHEN 'letter' THEN interval '72 hours'
                               ELSE interval '2 hours' END,
        coalesce(v_thread.team_id,
                 (SELECT t.id FROM public.team t WHERE t.name = p->>'team')),
        v_thread.id, 1);
  END IF;

  INSERT INTO public.channel_key (channel, key, message_id, contact_id, created_at)
    VALUES (v_channel, v_key, v_message, v_contact, v_now);
  INSERT INTO public.message (id, contact_id, direction, sender_display, body_text, body_html,
      created_at, written_at, external_id, in_reply_to)
    VALUES (v_message, v_contact, 'inbound', left(coalesce(p->>'sender_display', ''), 320),
      coalesce(p->>'body_text', ''), p->>'body_html', v_now, (p->>'written_at')::timestamptz,
      v_key, v_threads[1]);
  RETURN jsonb_build_object('outcome', v_outcome, 'contact_id', v_contact,
                            'message_id', v_message, 'reference', v_reference);
END $$;

-- The replies due on a channel, as before; where the contact has no sender address (an advisor
-- opened it), a reply goes to the customer's identity of the channel's own kind: an e-mail
-- address for e-mail, a number for WhatsApp (without its +, as the platform writes it). A
-- Messenger, Instagram or X reply goes only to the id the customer wrote from: a page-scoped
-- id cannot be guessed, and a handle is not where X sends.
CREATE OR REPLACE FUNCTION public.relais_outgoing(p_channel text, p_limit integer) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_ids uuid[];
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT array_agg(x.id) INTO v_ids FROM (
    SELECT d.id FROM public.delivery d
    WHERE d.channel = p_channel AND d.state = 'queued' AND d.next_attempt_at <= now()
      AND (d.lease_until IS NULL OR d.lease_until < now())
    ORDER BY d.next_attempt_at, d.id
    LIMIT least(greatest(coalesce(p_limit, 1), 1), 100)
    FOR UPDATE SKIP LOCKED) x;
  IF v_ids IS NULL THEN
    RETURN '[]'::jsonb;
  END IF;
  UPDATE public.delivery SET lease_until = now() + interval '10 minutes',
         attempts = least(attempts + 1, 32000), updated_at = now()
    WHERE id = ANY (v_ids);
  RETURN (
    SELECT coalesce(jsonb_agg(jsonb_build_object(
      'delivery_id', d.id, 'message_id', d.message_id, 'attempt', d.attempts,
      'contact_id', k.id, 'reference', k.reference, 'subject', k.subject,
      'language', k.language, 'team', t.name,
      'to_display', k.sender_display,
      'to_address', coalesce(nullif(k.sender_address, ''), (
        SELECT CASE i.kind WHEN 'whatsapp' THEN ltrim(i.value, '+') ELSE i.value END
        FROM public.customer_identity i
        WHERE i.customer_id = k.customer_id AND i.kind = d.channel
          AND d.channel IN ('email', 'whatsapp')
        ORDER BY i.created_at LIMIT 1)),
      'author', m.sender_display, 'body_text', m.body_text, 'written_at', m.created_at,
      'in_reply_to', (
        SELECT x.external_id FROM public.message x
        WHERE x.contact_id = k.id AND x.direction = 'inbound' AND x.external_id LIKE '<%>'
          AND x.created_at <= m.created_at
        ORDER BY x.created_at DESC LIMIT 1),
      'references', coalesce((
        SELECT jsonb_agg(r.key ORDER BY r.created_at) FROM (
          SELECT y.key, y.created_at FROM public.channel_key y
          WHERE y.contact_id = k.id AND y.channel = d.channel AND y.key LIKE '<%>'
          ORDER BY y.created_at DESC LIMIT 20) r), '[]'::jsonb),
      'external_id', d.external_id)
      ORDER BY d.next_attempt_at, d.id), '[]'::jsonb)
    FROM public.delivery d
    JOIN public.message m ON m.id = d.message_id
    JOIN public.contact k ON k.id = d.contact_id
    LEFT JOIN public.team t ON t.id = k.team_id
    WHERE d.id = ANY (v_ids));
END $$;

-- What the connector made of one reply, as before, and a retry may now say how long the
-- platform asked to wait ("retry_after", in seconds, an hour at most): the pause is the
-- longer of that and the centre's own.
CREATE OR REPLACE FUNCTION public.relais_delivery_result(p jsonb) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_d public.delivery;
  v_outcome text := p ->> 'outcome';
  v_reason text := left(coalesce(p ->> 'reason', ''), 300);
  v_rank int;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  IF v_outcome IS NULL OR v_outcome NOT IN ('sent', 'retry', 'failed', 'delivered', 'read') THEN
    RAISE EXCEPTION 'unknown outcome %', v_outcome USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p ->> 'external_id' IS NOT NULL AND char_length(p ->> 'external_id') NOT BETWEEN 1 AND 400
  THEN
    RAISE EXCEPTION 'a channel id has 1 to 400 characters'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  BEGIN
    SELECT * INTO v_d FROM public.delivery WHERE id = (p ->> 'delivery_id')::uuid FOR UPDATE;
  EXCEPTION WHEN invalid_text_representation THEN
    RAISE EXCEPTION 'no such delivery' USING ERRCODE = 'invalid_parameter_value';
  END;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such delivery' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_rank := CASE v_d.state WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                           WHEN 'read' THEN 3 ELSE 4 END;
  IF v_outcome IN ('sent', 'retry') AND v_d.state = 'queued' AND v_d.lease_until IS NULL THEN
    RAISE EXCEPTION 'this reply was not handed to a connector'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF v_outcome = 'sent' AND v_rank = 0 THEN
    UPDATE public.delivery SET state = 'sent', reason = '', lease_until = NULL,
           external_id = coalesce(p ->> 'external_id', external_id), updated_at = now()
      WHERE id = v_d.id;
    IF p ->> 'external_id' IS NOT NULL THEN  -- the customer's answer to it finds its thread
      INSERT INTO public.channel_key (channel, key, message_id, contact_id, created_at)
        VALUES (v_d.channel, p ->> 'external_id', v_d.message_id, v_d.contact_id, now())
      ON CONFLICT DO NOTHING;
    END IF;
    RETURN 'sent';
  ELSIF v_outcome = 'retry' AND v_rank = 0 THEN
    IF v_d.created_at < now() - interval '1 day' THEN
      RETURN public.relais_delivery_failed(v_d.id, 'expired: ' || v_reason);
    END IF;
    UPDATE public.delivery SET reason = v_reason, lease_until = NULL, updated_at = now(),
           next_attempt_at = now() + greatest(
             (ARRAY[1, 2, 5, 10, 30, 60])[least(v_d.attempts, 6)] * interval '1 minute',
             least(coalesce((p ->> 'retry_after')::numeric, 0), 3600) * interval '1 second')
      WHERE id = v_d.id;
    RETURN 'queued';
  ELSIF v_outcome = 'failed' AND v_rank < 4 THEN
    RETURN public.relais_delivery_failed(v_d.id, v_reason);
  ELSIF v_outcome = 'delivered' AND v_rank < 2 OR v_outcome = 'read' AND v_rank < 3 THEN
    UPDATE public.delivery SET state = v_outcome, lease_until = NULL, updated_at = now()
      WHERE id = v_d.id;
    RETURN v_outcome;
  END IF;
  RETURN v_d.state;
END $$;


-- What a platform says of replies it took (a WhatsApp status, a Messenger delivery or read):
-- {"channel", "state": delivered | read | failed, "reason", and either "external_ids", the
-- platform's ids of the replies, or "recipient" and "until": every reply to that sender sent
-- until then (a read watermark)}. States only move forward, whatever order the platform's
-- reports come in: a "delivered" after "read" changes nothing. Returns how many replies moved.
CREATE FUNCTION public.relais_delivery_status(p jsonb) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_state text := p ->> 'state';
  v_ids text[] := ARRAY(SELECT jsonb_array_elements_text(coalesce(p -> 'external_ids', '[]')));
  v_from text[];
  v_d record;
  v_moved integer := 0;
BEGIN
  IF v_state IS NULL OR v_state NOT IN ('delivered', 'read', 'failed') THEN
    RAISE EXCEPTION 'unknown state %', v_state USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF cardinality(v_ids) > 100 THEN
    RAISE EXCEPTION 'at most 100 ids at once' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  v_from := CASE v_state WHEN 'delivered' THEN ARRAY['sent']
                         ELSE ARRAY['sent', 'delivered'] END;
  FOR v_d IN
    SELECT d.id FROM public.delivery d
    WHERE d.channel = p ->> 'channel' AND d.state = ANY (v_from)
      AND (d.external_id = ANY (v_ids)
           OR cardinality(v_ids) = 0 AND p ->> 'recipient' IS NOT NULL
              AND d.contact_id IN (SELECT k.id FROM public.contact k
                                   WHERE k.sender_address = p ->> 'recipient'
                                     AND k.channel = p ->> 'channel')
              AND d.created_at <= coalesce((p ->> 'until')::timestamptz, now()))
    ORDER BY d.id FOR UPDATE
  LOOP
    IF v_state = 'failed' THEN
      PERFORM public.relais_delivery_failed(v_d.id, left(coalesce(p ->> 'reason', ''), 300));
    ELSE
      UPDATE public.delivery SET state = v_state, updated_at = now() WHERE id = v_d.id;
    END IF;
    v_moved := v_moved + 1;
  END LOOP;
  RETURN v_moved;
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_delivery_status(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.relais_delivery_status(jsonb) TO @connector@;
