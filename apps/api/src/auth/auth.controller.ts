import { Body, Controller, Get, HttpCode, Ip, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type ChangePassword, changePasswordSchema, type Login, loginSchema, type MeView, type SessionView } from '@baton/contracts';
import { ApiZodBody } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AnyRole, type AuthenticatedRequest, BeforePasswordChange, Public } from './auth.decorators';
import { AuthService } from './auth.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
@AnyRole()
@BeforePasswordChange()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password; answers a session token (Authorization: Bearer) valid for SESSION_TTL',
    description: 'With mustChangePassword, only /auth/me, /auth/password and /auth/logout answer until the password is changed.',
  })
  @ApiZodBody(loginSchema)
  @ApiResponse({ status: 200, description: '{ token, expiresAt, user, mustChangePassword }' })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS (the same for an unknown email, a wrong password and a disabled account)' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED, with Retry-After: too many failed sign-ins for this email or from this address' })
  login(@Body(new ZodValidationPipe(loginSchema)) body: Login, @Ip() ip: string): Promise<SessionView> {
    return this.auth.login(body, ip);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session this request is made with (nothing to end for API keys)' })
  logout(@Req() request: AuthenticatedRequest, @Ip() ip: string): Promise<void> {
    return this.auth.logout(request.principal, request.credential, ip);
  }

  @Get('me')
  @ApiOperation({ summary: 'Whoever is calling: kind, id, name, roles and, for a person, their account' })
  me(@Req() request: AuthenticatedRequest): Promise<MeView> {
    return this.auth.me(request.principal, request.credential);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password (required after a one-time password); signs out your other sessions' })
  @ApiZodBody(changePasswordSchema)
  @ApiResponse({ status: 400, description: 'INVALID_CREDENTIALS (the current password is wrong), INVALID_FIELD' })
  @ApiResponse({ status: 403, description: 'FORBIDDEN for API keys and the root token, which have no password' })
  changePassword(@Req() request: AuthenticatedRequest, @Body(new ZodValidationPipe(changePasswordSchema)) body: ChangePassword, @Ip() ip: string): Promise<void> {
    return this.auth.changePassword(request.principal, request.credential, body, ip);
  }
}
