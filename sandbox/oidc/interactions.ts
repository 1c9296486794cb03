import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Interaction, Provider } from 'oidc-provider'
import type { SandboxDeps } from '../deps'
import { HttpError, sendHtml } from '../http'
import { passwordLogin } from '../password-login'
import type { DemoUser } from '../users'
import { FIRST_PARTY_CLIENTS } from './clients'
import { readLoginForm } from './login-form'
import { renderLoginPage, renderMessagePage } from './login-page'
const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/

/** Handles the sandbox's own interaction routes; returns false when the path is not one of them. */
export async function handleInteraction(
  deps: SandboxDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const { provider } = deps
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
    sendHtml(
      res,
      400,
      renderMessagePage('Sign-in expired', 'This sign-in request is no longer valid. Start again from Keywarden.'),
    )
    return true
  }
  if (interaction.uid !== uid) {
    sendHtml(
      res,
      400,
      renderMessagePage('Sign-in expired', 'This sign-in request is no longer valid. Start again from Keywarden.'),
    )
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
    let user: DemoUser
    try {
      user = await passwordLogin(deps, req, form.username, form.password)
    } catch (error) {
      // 401 (wrong password) or 429 (too many failures): the form again, with the reason.
      if (!(error instanceof HttpError) || (error.status !== 401 && error.status !== 429)) throw error
      sendHtml(
        res,
        error.status,
        renderLoginPage({ uid: interaction.uid, clientName, username: form.username, error: error.message }),
        error.headers,
      )
      return true
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.username } },
      { mergeWithLastSubmission: false },
    )
    return true
  }

  if (interaction.prompt.name === 'consent' && !isLoginPost) {
    if (!(clientId in FIRST_PARTY_CLIENTS)) {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'Only first-party clients may sign in here.',
      })
      return true
    }
    await grantConsent(provider, req, res, interaction, clientId)
    return true
  }

  sendHtml(res, 400, renderMessagePage('Unexpected request', 'The sign-in is not waiting for this step.'))
  return true
}

// First-party client: consent is implied, so grant exactly what the prompt says is missing.
async function grantConsent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  interaction: Interaction,
  clientId: string,
): Promise<void> {
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
  await provider.interactionFinished(
    req,
    res,
    { consent: existing ? {} : { grantId } },
    { mergeWithLastSubmission: true },
  )
}
