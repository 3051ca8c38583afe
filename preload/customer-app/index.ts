/// <reference lib="dom" />
/**
 * The preload of the customer-app window (desktop app), in every frame of it. It exposes nothing
 * to the page: it reports the messages a frame receives from its parent or its children
 * (./observer.ts) and, when main asks, posts a mutation to a parent frame's embed. The app's own
 * bridge (preload/index.ts) is never loaded here.
 */
import { ipcRenderer } from 'electron'
import { customerAppIpc } from '../contract/constants'
import { observeEmbedMessages, postToChildFrames } from './observer'

observeEmbedMessages(window, (report) => ipcRenderer.send(customerAppIpc.report, report))
ipcRenderer.on(customerAppIpc.post, (_event, input: unknown) => void postToChildFrames(window, input))
