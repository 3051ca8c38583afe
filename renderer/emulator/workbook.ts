// The emulated workbook page (being built): reads the verdict the emulator embedded in the page.
const bootstrap = JSON.parse(document.getElementById('ewb-bootstrap')?.textContent ?? '{}') as { error?: { code: string; message: string } | null }
const root = document.getElementById('workbook')!
root.textContent = bootstrap.error ? `${bootstrap.error.message} (${bootstrap.error.code})` : 'Plugs Sales'
