import type { Pool } from 'pg';

/**
 * The sample business's own tables, in a schema of their own. Created and seeded on start;
 * every statement is idempotent, so restarts keep what is there.
 */
export async function prepareStoreSchema(pool: Pool): Promise<void> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS demo_store`);
  await pool.query(`
    CREATE TABLE IF NOT EXISTS demo_store.customers (
      id text PRIMARY KEY,
      name text NOT NULL,
      email text,
      tier text NOT NULL DEFAULT 'standard'
    )`);
  await pool.query(`
    CREATE TABLE IF NOT EXISTS demo_store.orders (
      number text PRIMARY KEY,
      customer_id text NOT NULL REFERENCES demo_store.customers (id),
      status text NOT NULL,
      carrier text,
      estimated_delivery date,
      total_cents integer NOT NULL
    )`);
  await pool.query(`
    CREATE TABLE IF NOT EXISTS demo_store.password_resets (
      id bigserial PRIMARY KEY,
      customer_id text NOT NULL REFERENCES demo_store.customers (id),
      email text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now()
    )`);
  await pool.query(`
    CREATE TABLE IF NOT EXISTS demo_store.invoices (
      number text PRIMARY KEY,
      customer_id text NOT NULL REFERENCES demo_store.customers (id),
      amount_cents integer NOT NULL,
      due_date date NOT NULL,
      paid boolean NOT NULL DEFAULT false
    )`);
  await pool.query(`
    INSERT INTO demo_store.customers (id, name, email, tier) VALUES
      ('cus_1001', 'Ana Pereira', 'ana.pereira@example.com', 'gold'),
      ('cus_1002', 'Ben Okafor', 'ben.okafor@example.com', 'standard'),
      ('cus_1003', 'Chloe Martin', 'chloe.martin@example.com', 'standard'),
      ('cus_1004', 'Dev Sharma', NULL, 'standard')
    ON CONFLICT (id) DO NOTHING`);
  await pool.query(`
    INSERT INTO demo_store.orders (number, customer_id, status, carrier, estimated_delivery, total_cents) VALUES
      ('ORD-10042', 'cus_1001', 'shipped', 'DHL', '2026-12-09', 12900),
      ('ORD-10043', 'cus_1001', 'delivered', 'UPS', '2026-11-28', 4550),
      ('ORD-10077', 'cus_1002', 'processing', NULL, '2026-12-12', 8999),
      ('ORD-10078', 'cus_1002', 'delayed', 'FedEx', '2026-12-15', 2300),
      ('ORD-10090', 'cus_1003', 'out_for_delivery', 'DPD', '2026-12-04', 15600)
    ON CONFLICT (number) DO NOTHING`);
  // Due dates relative to the first start, so that a payment-reminder campaign finds someone.
  await pool.query(`
    INSERT INTO demo_store.invoices (number, customer_id, amount_cents, due_date) VALUES
      ('INV-5001', 'cus_1001', 4200, current_date + 2),
      ('INV-5002', 'cus_1002', 8999, current_date + 3),
      ('INV-5003', 'cus_1003', 1550, current_date + 10)
    ON CONFLICT (number) DO NOTHING`);
}
