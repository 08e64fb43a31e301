import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialsService } from './credentials.service';
import { FirstAdminSeeder } from './first-admin.seeder';

/** Sign-in, sessions and the credentials the global guard checks; creates the first admin. */
@Module({
  controllers: [AuthController],
  providers: [AuthService, CredentialsService, FirstAdminSeeder],
  exports: [CredentialsService],
})
export class AuthModule {}
