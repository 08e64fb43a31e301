import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** The people who sign in, and their roles. */
@Module({ controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
