-- What a connector (IMAP, webhooks, telephony, letters) hands the centre, stored by the centre's
-- rules and clock in one transaction: app.ingest.receive's ``Inbound``, as JSON. The connector
-- parsed the message and normalised the sender; the centre decides the rest: whether the message
-- was received already (its channel key), which thread it joins, which customer it is, when it
-- is due. Its answer says what it did: {"outcome": new | joined | follow_on | duplicate |
-- ignored, "contact_id", "message_id", "reference"}.
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
REVOKE EXECUTE ON FUNCTION public.relais_receive(jsonb) FROM PUBLIC;
GRANT CONNECT ON DATABASE @database@ TO @connector@;
GRANT USAGE ON SCHEMA public TO @connector@;
GRANT EXECUTE ON FUNCTION public.relais_receive(jsonb) TO @connector@;
-- Nobody reads the keys but the centre's functions.
ALTER TABLE public.channel_key ENABLE ROW LEVEL SECURITY;
