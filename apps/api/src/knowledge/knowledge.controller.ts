import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  type CreateKnowledgeArticle,
  createKnowledgeArticleSchema,
  ErrorCode,
  type KnowledgeAnswerQuery,
  knowledgeAnswerQuerySchema,
  type KnowledgeSearchQuery,
  knowledgeSearchQuerySchema,
  type ListKnowledgeArticlesQuery,
  listKnowledgeArticlesQuerySchema,
  type UpdateKnowledgeArticle,
  updateKnowledgeArticleSchema,
} from '@baton/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { KnowledgeBaseNamePipe } from './knowledge-params';
import { KnowledgeService } from './knowledge.service';

const knowledgeBase = new KnowledgeBaseNamePipe();
const articleId = new UuidPipe(ErrorCode.KnowledgeArticleNotFound);

@ApiTags('knowledge')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'INVALID_FIELD, MISSING_FIELD or UNKNOWN_FIELD: the knowledge base name, body or query is malformed' })
@Controller('knowledge-bases')
@Roles('designer')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get()
  @ApiOperation({ summary: 'Every knowledge base with its number of articles' })
  listBases() {
    return this.knowledge.listBases();
  }

  @Get(':kb/articles')
  @ApiOperation({ summary: "A knowledge base's articles without their bodies, oldest first" })
  @ApiZodQuery(listKnowledgeArticlesQuerySchema)
  @ApiResponse({ status: 404, description: 'KNOWLEDGE_BASE_NOT_FOUND: no article has this knowledge base' })
  listArticles(@Param('kb', knowledgeBase) kb: string, @Query(new ZodValidationPipe(listKnowledgeArticlesQuerySchema)) query: ListKnowledgeArticlesQuery) {
    return this.knowledge.listArticles(kb, query);
  }

  @Post(':kb/articles')
  @ApiOperation({ summary: 'Add an article (creating the knowledge base with its first article)' })
  @ApiZodBody(createKnowledgeArticleSchema)
  create(@Param('kb', knowledgeBase) kb: string, @Body(new ZodValidationPipe(createKnowledgeArticleSchema)) body: CreateKnowledgeArticle) {
    return this.knowledge.create(kb, body);
  }

  @Get(':kb/articles/:id')
  @ApiOperation({ summary: 'One article with its body' })
  @ApiResponse({ status: 404, description: 'KNOWLEDGE_ARTICLE_NOT_FOUND' })
  get(@Param('kb', knowledgeBase) kb: string, @Param('id', articleId) id: string) {
    return this.knowledge.get(kb, id);
  }

  @Put(':kb/articles/:id')
  @ApiOperation({ summary: "Replace an article's title, body and tags" })
  @ApiZodBody(updateKnowledgeArticleSchema)
  @ApiResponse({ status: 404, description: 'KNOWLEDGE_ARTICLE_NOT_FOUND' })
  update(
    @Param('kb', knowledgeBase) kb: string,
    @Param('id', articleId) id: string,
    @Body(new ZodValidationPipe(updateKnowledgeArticleSchema)) body: UpdateKnowledgeArticle,
  ) {
    return this.knowledge.update(kb, id, body);
  }

  @Delete(':kb/articles/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an article' })
  @ApiResponse({ status: 404, description: 'KNOWLEDGE_ARTICLE_NOT_FOUND' })
  async remove(@Param('kb', knowledgeBase) kb: string, @Param('id', articleId) id: string): Promise<void> {
    await this.knowledge.remove(kb, id);
  }

  @Get(':kb/search')
  @ApiOperation({ summary: 'Articles ranked by full-text relevance, each with its best paragraph highlighted (web-search syntax: "phrase", or, -word)' })
  @ApiZodQuery(knowledgeSearchQuerySchema)
  @ApiResponse({ status: 404, description: 'KNOWLEDGE_BASE_NOT_FOUND: no article has this knowledge base' })
  search(@Param('kb', knowledgeBase) kb: string, @Query(new ZodValidationPipe(knowledgeSearchQuerySchema)) query: KnowledgeSearchQuery) {
    return this.knowledge.search(kb, query);
  }

  @Get(':kb/answer')
  @ApiOperation({ summary: "What a flow's ai_reply node would answer to a customer message: the best article's text and a confidence from 0 to 1" })
  @ApiZodQuery(knowledgeAnswerQuerySchema)
  @ApiResponse({ status: 404, description: 'KNOWLEDGE_BASE_NOT_FOUND: no article has this knowledge base' })
  answer(@Param('kb', knowledgeBase) kb: string, @Query(new ZodValidationPipe(knowledgeAnswerQuerySchema)) query: KnowledgeAnswerQuery) {
    return this.knowledge.answer(kb, query);
  }
}
