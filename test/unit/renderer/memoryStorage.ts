/**
 * A small in-memory Storage for the renderer modules that keep forms in localStorage: tests run
 * under plain Node, which has none. `failing` makes every call throw, as a full or disabled
 * storage does in a browser.
 */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>()
  failing = false

  get length(): number {
    return this.items.size
  }

  clear(): void {
    this.check()
    this.items.clear()
  }

  getItem(key: string): string | null {
    this.check()
    return this.items.get(key) ?? null
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null
  }

  removeItem(key: string): void {
    this.check()
    this.items.delete(key)
  }

  setItem(key: string, value: string): void {
    this.check()
    this.items.set(key, String(value))
  }

  private check(): void {
    if (this.failing) throw new DOMException('The storage is not available', 'SecurityError')
  }
}

/** Installs a fresh MemoryStorage as globalThis.localStorage and returns it. */
export function installLocalStorage(): MemoryStorage {
  const storage = new MemoryStorage()
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true })
  return storage
}
