import { Body, Controller, Get, Ip, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type CreatedUserView, type CreateUser, createUserSchema, ErrorCode, type UpdateUser, updateUserSchema, type UserView } from '@baton/contracts';
import { Caller, type Principal, Roles } from '../auth/auth.decorators';
import { ApiZodBody } from '../common/openapi';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { UsersService } from './users.service';

const userId = new UuidPipe(ErrorCode.UserNotFound);

@ApiTags('people')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user, oldest first' })
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user; users with the agent role also become agents',
    description: 'Without a password, a one-time password is generated and answered as oneTimePassword, this once; the user must change it at the first sign-in.',
  })
  @ApiZodBody(createUserSchema)
  @ApiResponse({ status: 409, description: 'USER_EXISTS' })
  create(@Caller() caller: Principal, @Body(new ZodValidationPipe(createUserSchema)) body: CreateUser, @Ip() ip: string): Promise<CreatedUserView> {
    return this.users.create(caller, body, ip);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiResponse({ status: 404, description: 'USER_NOT_FOUND' })
  get(@Param('id', userId) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Rename a user, change their roles, or disable (which signs them out) or re-enable them" })
  @ApiZodBody(updateUserSchema)
  @ApiResponse({ status: 404, description: 'USER_NOT_FOUND' })
  update(
    @Caller() caller: Principal,
    @Param('id', userId) id: string,
    @Body(new ZodValidationPipe(updateUserSchema)) body: UpdateUser,
    @Ip() ip: string,
  ): Promise<UserView> {
    return this.users.update(caller, id, body, ip);
  }
}
