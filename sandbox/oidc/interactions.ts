import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Interaction, Provider } from 'oidc-provider'
import { HttpError, readBody, sendHtml } from '../http'
import { verifyCredentials } from '../users'
import { FIRST_PARTY_CLIENTS } from './clients'
import { INVALID_CREDENTIALS_MESSAGE, renderLoginPage, renderMessagePage } from './login-page'

const LOGIN_FORM_LIMIT_BYTES = 16 * 1024
const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/

/** Handles the sandbox's own interaction routes; returns false when the path is not one of them. */
export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const match = INTERACTION_PATH.exec(path)
  if (!match) return false
  const [, uid, login] = match
  const isLoginPost = login !== undefined
  if (req.method !== (isLoginPost ? 'POST' : 'GET')) {
    res.setHeader('Allow', isLoginPost ? 'POST' : 'GET')
    sendHtml(res, 405, renderMessagePage('Method not allowed', 'This page does not accept that request.'))
    return true
  }

  let interaction: Interaction
  try {
    interaction = await provider.interactionDetails(req, res)
  } catch {
    sendHtml(res, 400, renderMessagePage('Sign-in expired', 'This sign-in request is no longer valid. Start again from Keywarden.'))
    return true
  }
  if (interaction.uid !== uid) {
    sendHtml(res, 400, renderMessagePage('Sign-in expired', 'This sign-in request is no longer valid. Start again from Keywarden.'))
    return true
  }

  const clientId = interaction.params.client_id ?? ''
  const clientName = FIRST_PARTY_CLIENTS[clientId] ?? clientId

  if (interaction.prompt.name === 'login') {
    if (!isLoginPost) {
      sendHtml(res, 200, renderLoginPage({ uid: interaction.uid, clientName }))
      return true
    }
    const form = await readLoginForm(req)
    const user = verifyCredentials(form.username, form.password)
    if (!user) {
      sendHtml(res, 401, renderLoginPage({ uid: interaction.uid, clientName, username: form.username, error: INVALID_CREDENTIALS_MESSAGE }))
      return true
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false })
    return true
  }

  if (interaction.prompt.name === 'consent' && !isLoginPost) {
    if (!(clientId in FIRST_PARTY_CLIENTS)) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Only first-party clients may sign in here.' })
      return true
    }
    await grantConsent(provider, req, res, interaction, clientId)
    return true
  }

  sendHtml(res, 400, renderMessagePage('Unexpected request', 'The sign-in is not waiting for this step.'))
  return true
}

// First-party client: consent is implied, so grant exactly what the prompt says is missing.
async function grantConsent(provider: Provider, req: IncomingMessage, res: ServerResponse, interaction: Interaction, clientId: string): Promise<void> {
  const accountId = interaction.session?.accountId
  if (!accountId) throw new HttpError(400, 'invalid_request', 'consent without a signed-in user')
  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined
  const grant = existing ?? new provider.Grant({ accountId, clientId })
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = interaction.prompt.details
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '))
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims)
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '))
  }
  const grantId = await grant.save()
  await provider.interactionFinished(req, res, { consent: existing ? {} : { grantId } }, { mergeWithLastSubmission: true })
}

async function readLoginForm(req: IncomingMessage): Promise<{ username: string; password: string }> {
  const body = await readBody(req, LOGIN_FORM_LIMIT_BYTES)
  const form = new URLSearchParams(body.toString('utf8'))
  return { username: (form.get('username') ?? '').trim(), password: form.get('password') ?? '' }
}
