/**
 * "Plugs Sales": deterministic sample sales data (the same rows on every machine and every run),
 * in the spirit of the QuickStart's PLUGS_ELECTRONICS_HANDS_ON_LAB table.
 */

import type { SalesRow } from '../../preload/contract'

export type { SalesRow }

export const REGIONS = ['East', 'West', 'North', 'South'] as const
const STORES: Record<(typeof REGIONS)[number], string[]> = {
  East: ['Boston', 'New York', 'Philadelphia'],
  West: ['Seattle', 'Portland', 'San Francisco'],
  North: ['Minneapolis', 'Chicago', 'Detroit'],
  South: ['Austin', 'Atlanta', 'Miami']
}
const PRODUCTS: [name: string, price: number][] = [
  ['Plug Adapter', 12.99],
  ['Power Strip', 24.5],
  ['Smart Plug', 29.99],
  ['Surge Protector', 39.0],
  ['Extension Cord', 15.75],
  ['USB Charger', 19.99],
  ['Travel Kit', 49.0]
]

/** mulberry32: a tiny seeded PRNG, so the data never depends on Math.random. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function plugsSales(rows = 3000, seed = 20240101): SalesRow[] {
  const random = prng(seed)
  const start = Date.UTC(2024, 0, 1)
  const out: SalesRow[] = []
  for (let i = 0; i < rows; i++) {
    const region = REGIONS[Math.floor(random() * REGIONS.length)]!
    const stores = STORES[region]
    const [product, price] = PRODUCTS[Math.floor(random() * PRODUCTS.length)]!
    const quantity = 1 + Math.floor(random() * 12)
    out.push({
      date: new Date(start + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10),
      region,
      store: stores[Math.floor(random() * stores.length)]!,
      product,
      quantity,
      revenue: Math.round(quantity * price * 100) / 100
    })
  }
  return out.sort((a, b) => a.date.localeCompare(b.date))
}
