-- The replies' deliveries (revision b3e8f1a6d402; app.sync.apply_delivery runs the same rules
-- on the embedded centre). @connector@: this centre's connector group, @advisor@: its users'.

ALTER TABLE public.delivery ADD CONSTRAINT ck_delivery_state_known
  CHECK (state IN ('queued', 'sent', 'failed', 'delivered', 'read'));
CREATE TRIGGER log_insert AFTER INSERT ON public.delivery REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER log_update AFTER UPDATE ON public.delivery REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.relais_log_changes();
CREATE TRIGGER hold_log BEFORE INSERT OR UPDATE OR DELETE ON public.delivery FOR EACH STATEMENT
  WHEN (current_setting('relais.log_held', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION public.relais_hold_log();
GRANT SELECT ON public.delivery TO @advisor@;

-- A reply a workstation pushes is queued for its channel in the same transaction: from then on
-- only the centre and its connectors move it. A call's record goes nowhere.
ALTER FUNCTION public.relais_insert_rows(text, jsonb, uuid, text, uuid)
  RENAME TO relais_insert_checked_rows;
CREATE FUNCTION public.relais_insert_rows(p_table text, p_rows jsonb, p_me uuid, p_role text,
  p_team uuid) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_reason text;
BEGIN
  v_reason := public.relais_insert_checked_rows(p_table, p_rows, p_me, p_role, p_team);
  IF v_reason IS NULL AND p_table = 'message' THEN
    INSERT INTO public.delivery (id, message_id, contact_id, channel, state, reason, attempts,
        next_attempt_at, created_at, updated_at)
      SELECT gen_random_uuid(), m.id, m.contact_id, k.channel, 'queued', '', 0, now(), now(),
             now()
      FROM jsonb_to_recordset(p_rows) AS x(id uuid)
      JOIN public.message m ON m.id = x.id
      JOIN public.contact k ON k.id = m.contact_id
      WHERE m.direction = 'outbound' AND m.author_id = p_me AND k.channel <> 'phone'
    ON CONFLICT (message_id) DO NOTHING;
  END IF;
  RETURN v_reason;
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_insert_rows(text, jsonb, uuid, text, uuid) FROM PUBLIC;

-- A failed delivery puts its contact back in the queue (unless someone is working it), so that
-- an advisor sees that the customer never got the answer.
CREATE FUNCTION public.relais_delivery_failed(p_delivery uuid, p_reason text) RETURNS text
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_contact uuid;
BEGIN
  UPDATE public.delivery SET state = 'failed', reason = left(coalesce(p_reason, ''), 300),
         lease_until = NULL, updated_at = now()
    WHERE id = p_delivery RETURNING contact_id INTO v_contact;
  UPDATE public.contact SET status = 'queued', assigned_to = NULL, claim_token = NULL,
         lease_until = NULL, closed_at = NULL, priority = greatest(priority, 2),
         due_at = least(due_at, now()), version = version + 1
    WHERE id = v_contact AND status = 'closed';
  RETURN 'failed';
END $$;
REVOKE EXECUTE ON FUNCTION public.relais_delivery_failed(uuid, text) FROM PUBLIC;

-- Up to p_limit replies of a channel due for sending, each leased to the caller for ten minutes
-- (FOR UPDATE SKIP LOCKED: two connectors never take the same one), with everything a sender
-- needs. The addresses and the thread's ids are the centre's own: nothing a workstation wrote
-- becomes a header.
CREATE FUNCTION public.relais_outgoing(p_channel text, p_limit integer) RETURNS jsonb
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
        SELECT i.value FROM public.customer_identity i
        WHERE i.customer_id = k.customer_id AND i.kind = 'email'
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

-- What the connector made of one reply: {"delivery_id", "outcome": sent | retry | failed |
-- delivered | read, "reason", "external_id"}. Returns the state the reply is in. States only
-- move forward (a late "sent" does not undo "read", a retry does not undo "sent"); a retry is
-- given its pause by the centre's clock, and a reply not sent within a day has failed.
CREATE FUNCTION public.relais_delivery_result(p jsonb) RETURNS text
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
           next_attempt_at = now() + (ARRAY[1, 2, 5, 10, 30, 60])[least(v_d.attempts, 6)]
                                     * interval '1 minute'
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

-- A bounce (a delivery-status notification saying "failed") names the reply by its Message-ID.
CREATE FUNCTION public.relais_bounced(p_channel text, p_external_id text, p_reason text)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_id uuid;
BEGIN
  LOCK TABLE public.change_log IN ROW EXCLUSIVE MODE;
  PERFORM set_config('relais.log_held', 'on', true);
  SELECT id INTO v_id FROM public.delivery
    WHERE channel = p_channel AND external_id = p_external_id AND state <> 'failed'
    ORDER BY created_at DESC LIMIT 1 FOR UPDATE;
  IF v_id IS NULL THEN
    RETURN false;
  END IF;
  PERFORM public.relais_delivery_failed(v_id, 'bounced: ' || coalesce(p_reason, ''));
  RETURN true;
END $$;

REVOKE EXECUTE ON FUNCTION public.relais_outgoing(text, integer),
  public.relais_delivery_result(jsonb), public.relais_bounced(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.relais_outgoing(text, integer),
  public.relais_delivery_result(jsonb), public.relais_bounced(text, text, text) TO @connector@;
